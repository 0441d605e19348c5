package dev.listns.model;

import java.util.Optional;

/**
 * A namespace as the kernel names it: type and nsfs inode. Inode numbers come from one allocator
 * shared by all types, so the inode alone is unique at any moment, but the type keeps output readable.
 */
public record NamespaceId(NamespaceType type, long inode) implements Comparable<NamespaceId> {
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

    // Written out rather than generated: a record's own equals and hashCode, and Comparator chains, run
    // through method-handle combinators that the quick JIT does not inline, and this key is looked up
    // a hundred thousand times in a scan of a crowded host.
    @Override
    public int compareTo(NamespaceId other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : Long.compare(inode, other.inode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamespaceId other && inode == other.inode && type == other.type;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(inode); // unique across types: one allocator numbers every nsfs inode
    }

    @Override
    public String toString() {
        return type.label() + ":[" + inode + "]";
    }
}
