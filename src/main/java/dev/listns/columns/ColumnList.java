package dev.listns.columns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code -o LIST} asks for: these columns in this order ({@code NS,TYPE}), or these added to the
 * defaults ({@code +PATH}), as lsns reads it. Names in any case.
 */
public record ColumnList(boolean adding, List<Column> columns) {

    public ColumnList {
        columns = List.copyOf(columns);
    }

    /** @throws IllegalArgumentException naming, unescaped, the first name that is no column */
    public static ColumnList parse(String text) {
        boolean adding = text.startsWith("+");
        List<Column> columns = new ArrayList<>();
        for (String name : (adding ? text.substring(1) : text).split(",", -1)) {
            Optional<Column> column = Column.named(name.strip()); // no lambda: it would be a class spun at start-up
            if (column.isEmpty()) {
                throw new IllegalArgumentException("unknown column '" + name + "'; 'listns -H' lists the columns");
            }
            columns.add(column.get());
        }
        return new ColumnList(adding, columns);
    }

    /** The columns to print, given the view's defaults (or every column, after {@code --output-all}). */
    public List<Column> over(List<Column> base) {
        if (!adding) {
            return columns;
        }
        List<Column> all = new ArrayList<>(base);
        all.addAll(columns);
        return all;
    }
}
