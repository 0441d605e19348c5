package dev.listns.model;

import java.util.Locale;
import java.util.Optional;

/** The namespace types the kernel exposes under /proc/PID/ns, in the order listns sorts them. */
public enum NamespaceType {
    CGROUP(0x02000000),
    IPC(0x08000000),
    MNT(0x00020000),
    NET(0x40000000),
    PID(0x20000000),
    TIME(0x00000080),
    USER(0x10000000),
    UTS(0x04000000);

    // values() copies its array at every call, and parsing runs once per namespace link read.
    private static final NamespaceType[] ALL = values();

    private final int cloneFlag;
    private final String label;
    private final Optional<NamespaceType> asOptional;

    NamespaceType(int cloneFlag) {
        this.cloneFlag = cloneFlag;
        this.label = name().toLowerCase(Locale.ROOT);
        this.asOptional = Optional.of(this);
    }

    /** The name the kernel uses in /proc/PID/ns and in link texts such as {@code net:[4026531833]}. */
    public String label() {
        return label;
    }

    public int cloneFlag() {
        return cloneFlag;
    }

    /** Parses a type name as the user or the kernel writes it; {@code pid_for_children} is not a type. */
    public static Optional<NamespaceType> fromLabel(String label) {
        return fromLabel(label, label.length());
    }

    /** The type whose label is the first {@code length} characters of {@code text}. */
    public static Optional<NamespaceType> fromLabel(String text, int length) {
        for (NamespaceType type : ALL) {
            if (type.label.length() == length && text.startsWith(type.label)) {
                return type.asOptional;
            }
        }
        return Optional.empty();
    }

    public static Optional<NamespaceType> fromCloneFlag(int flag) {
        for (NamespaceType type : ALL) {
            if (type.cloneFlag == flag) {
                return type.asOptional;
            }
        }
        return Optional.empty();
    }

    /** Whether this type has a kernel-maintained parent (NS_GET_PARENT answers). */
    public boolean isHierarchical() {
        return this == USER || this == PID;
    }
}
