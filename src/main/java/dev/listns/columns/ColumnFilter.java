package dev.listns.columns;

import dev.listns.filter.Filter;
import dev.listns.filter.FilterInput;
import dev.listns.filter.FilterValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@code -Q} expression over listns's columns: each column it names gives its typed value of the
 * line, so numbers compare as numbers ({@code NPROCS > 1}) and text as text ({@code TYPE == "net"}).
 */
public final class ColumnFilter implements Predicate<Line> {
    private final Filter filter;

    private ColumnFilter(Filter filter) {
        this.filter = filter;
    }

    /**
     * The filter, if every column it names is one of listns's.
     *
     * @return the unknown column names, in the order the expression uses them, when there are any
     */
    public static Result of(Filter filter) {
        List<String> unknown = new ArrayList<>();
        for (String column : filter.columns()) {
            if (Column.named(column).isEmpty()) {
                unknown.add(column);
            }
        }
        return unknown.isEmpty() ? new Result(Optional.of(new ColumnFilter(filter)), List.of())
                : new Result(Optional.empty(), unknown);
    }

    /** Either a filter or the column names that made it unusable. */
    public record Result(Optional<ColumnFilter> filter, List<String> unknownColumns) {
    }

    /** The columns the expression names. */
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        for (String name : filter.columns()) {
            columns.add(Column.named(name).orElseThrow());
        }
        return columns;
    }

    @Override
    public boolean test(Line line) {
        return filter.matches(new LineInput(line));
    }

    /** A line's values as the filter asks for them; a class and plain code, not lambdas (README "Speed"). */
    private record LineInput(Line line) implements FilterInput {
        @Override
        public FilterValue value(String column) {
            ColumnValue value = Column.named(column).orElseThrow().value(line);
            if (value instanceof ColumnValue.Number number) {
                return FilterValue.number(number.value());
            }
            Optional<String> text = value.text();
            return text.isPresent() ? FilterValue.text(text.get()) : FilterValue.absent();
        }
    }
}
