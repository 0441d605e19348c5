package dev.listns.filter;

/** Where a filter gets the values of one row. */
@FunctionalInterface
public interface FilterInput {
    /**
     * The value of a column in this row.
     *
     * @param column one of {@link Filter#columns()}, upper-case. Asked only when the expression needs
     *               it ({@code A && B} does not ask for B when A is false) and at most once per column
     *               per {@link Filter#matches} call, so a costly column is computed only for the rows
     *               that need it.
     * @return never null; {@link FilterValue#absent()} for "no value"
     */
    FilterValue value(String column);
}
