package dev.listns.model;

import java.util.Comparator;
import java.util.Optional;

/**
 * A namespace as the kernel names it: type and nsfs inode. Inode numbers come from one allocator
 * shared by all types, so the inode alone is unique at any moment, but the type keeps output readable.
 */
public record NamespaceId(NamespaceType type, long inode) implements Comparable<NamespaceId> {
    private static final Comparator<NamespaceId> ORDER =
            Comparator.comparing(NamespaceId::type).thenComparingLong(NamespaceId::inode);

    /** Parses the text of a /proc/PID/ns link or a mountinfo root, e.g. {@code net:[4026531833]}. */
    public static Optional<NamespaceId> parse(String text) {
        // Read in place, without substrings: this runs for every namespace link of every process.
        int colon = text.indexOf(":[");
        int close = text.length() - 1;
        if (colon <= 0 || !text.endsWith("]")) {
            return Optional.empty();
        }
        Optional<NamespaceType> type = NamespaceType.fromLabel(text, colon);
        int digits = colon + 2;
        if (type.isEmpty() || digits >= close || !Character.isDigit(text.charAt(digits))) {
            return Optional.empty(); // the kernel writes plain digits; "+5" or "-1" is not from it
        }
        try {
            return Optional.of(new NamespaceId(type.get(), Long.parseLong(text, digits, close, 10)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(NamespaceId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return type.label() + ":[" + inode + "]";
    }
}
