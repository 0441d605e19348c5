package dev.listns.filter;

import java.util.List;

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
            FilterValue given = input.value(name);
            if (given == null) {
                throw new NullPointerException("no value for column " + name);
            }
            value = Datum.of(given);
            values[column] = value;
        }
        return value;
    }
}
