package dev.listns.filter;

import java.util.List;
import java.util.Objects;

/** One row during one {@link Filter#matches} call: asks the caller for each column once, when first needed. */
final class Row {
    private final FilterInput input;
    private final List<String> columns;
    private final Datum[] values;

    Row(FilterInput input, List<String> columns) {
        this.input = input;
        this.columns = columns;
        this.values = new Datum[columns.size()];
    }

    Datum value(int column) {
        Datum value = values[column];
        if (value == null) {
            String name = columns.get(column);
            value = Datum.of(Objects.requireNonNull(input.value(name), () -> "no value for column " + name));
            values[column] = value;
        }
        return value;
    }
}
