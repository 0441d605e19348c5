package dev.listns.filter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An lsns filter expression ({@code -Q/--filter}), in the language of util-linux's libsmartcols
 * ({@code scols-filter(5)}), for example {@code USER != "root" and NPROCS > 1} or
 * {@code TYPE == "net" && COMMAND =~ "^(/usr)?/s?bin/"}.
 *
 * <h2>The language</h2>
 * Column names (in any case: {@code type} is {@code TYPE}, as lsns accepts), strings in double or
 * single quotes, unsigned integers (with {@code K}, {@code M}, ... {@code KiB} binary suffixes), floats
 * ({@code 1.5}), {@code true} and {@code false}; {@code ==} {@code !=} {@code <} {@code <=} {@code >}
 * {@code >=} or their words {@code eq ne lt le gt ge}; {@code =~} and {@code !~} with a POSIX extended
 * regular expression; {@code &&}/{@code and}, {@code ||}/{@code or}, {@code !}/{@code not}, and
 * parentheses. The operator words are reserved in lower and upper case. A column, string or number
 * alone is a condition: true when it has a value that is not empty or zero. The details of each
 * part, and every place where we differ from libsmartcols, are in {@link Lexer} (words, strings,
 * numbers), {@link Parser} (precedence: {@code &&} and {@code ||} bind equally, from the left, as in
 * libsmartcols; limits), {@link Node} (comparisons) and {@link PosixRegex} (regular expressions).
 *
 * <h2>Comparing values of different types</h2>
 * Both sides are compared as one type: the one they share, else the type of the side that is not a
 * column, else the left side's; a number meets a float as a float. The other side is converted:
 * a number to its decimal digits, text to a number if it is one, text to a boolean by "1", "true"
 * or a leading "y". So {@code NS == "4026531836"} compares NS as text and {@code NETNSID > 5} a text
 * column as a number. Text that is no number, compared as a number, makes the comparison false
 * (lsns would stop with "failed to apply filter").
 *
 * <h2>Absent values</h2>
 * As libsmartcols treats an empty cell: compared as a number, float or boolean, every comparison
 * with it is false, {@code !=} too; compared as text (with a string literal), it is a missing string,
 * equal only to another missing one and less than any text, {@code ""} too, so
 * {@code NETNSID != "5"} holds for a namespace with no NETNSID. {@code =~} and {@code !~} see it as
 * empty text. Alone it is false.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class Filter {
    private final String expression;
    /** Null for the empty expression, which matches everything. */
    private final Node root;
    /** In order of first use; a column's index here is its index in {@link Row}. */
    private final List<String> columns;
    private final Set<String> columnSet;

    private Filter(String expression, Node root, List<String> columns) {
        this.expression = expression;
        this.root = root;
        this.columns = columns;
        this.columnSet = Collections.unmodifiableSet(new LinkedHashSet<>(columns));
    }

    /**
     * @throws FilterSyntaxException with a one-line message naming the position, if the expression
     *         is malformed, too long, too deeply nested, or has a regular expression that does not
     *         compile
     */
    public static Filter parse(String expression) throws FilterSyntaxException {
        Parser.Result parsed = Parser.parse(Objects.requireNonNull(expression, "expression"));
        return new Filter(expression, parsed.root(), parsed.columns());
    }

    /**
     * The column names the expression uses, upper-cased, in order of first use, so the caller can
     * reject unknown ones and compute only these. Nothing is checked against any list of columns here.
     */
    public Set<String> columns() {
        return columnSet;
    }

    /** Whether the row satisfies the expression; asks {@code row} only for the columns it needs. */
    public boolean matches(FilterInput row) {
        Objects.requireNonNull(row, "row");
        return root == null || root.test(new Row(row, columns));
    }

    @Override
    public String toString() {
        return expression;
    }
}
