package dev.listns.filter;

/** A regular expression that does not compile; the parser turns it into a {@link FilterSyntaxException}. */
final class RegexSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** 0-based index into the pattern where the problem was found. */
    private final int index;

    RegexSyntaxException(int index, String detail) {
        super(detail, null, false, false);
        this.index = index;
    }

    int index() {
        return index;
    }
}
