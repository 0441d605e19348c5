package dev.listns.filter;

/**
 * A filter expression that cannot be used. The message is one line for the user, such as
 * {@code filter: at 12: expected a value after '=='}, with the position counted in characters from 1
 * (one past the last character when the expression ends too early). Characters from the expression
 * that could disturb a terminal are escaped in it.
 */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String detail;

    FilterSyntaxException(int position, String detail) {
        super("filter: at " + position + ": " + detail, null, false, false);
        this.position = position;
        this.detail = detail;
    }

    /** 1-based, in characters (code points) of the expression. */
    public int position() {
        return position;
    }

    /** The message without the "filter: at N: " in front. */
    public String detail() {
        return detail;
    }
}
