package dev.listns.output;

import dev.listns.columns.Column;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code -H}: every column with its type and what it shows, in the shape lsns's {@code -H} has, so a
 * script that reads one reads the other: a table without headings, raw, or JSON.
 */
public final class ColumnListFormatter {
    private final ColumnStyle style;

    public ColumnListFormatter(ColumnStyle style) {
        this.style = style;
    }

    public void write(PrintWriter out) {
        if (style == ColumnStyle.JSON) {
            List<Object> columns = new ArrayList<>();
            for (Column column : Column.values()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("holder", column.header());
                json.put("type", column.type().label());
                json.put("description", column.description());
                columns.add(json);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("listns-columns", columns);
            out.println(Json.pretty(document));
        } else {
            boolean raw = style == ColumnStyle.RAW;
            TextTable table = new TextTable(List.of(new TextTable.Heading("HOLDER", true, false),
                    new TextTable.Heading("TYPE", false, false), new TextTable.Heading("DESCRIPTION", false, false)));
            for (Column column : Column.values()) {
                String description = raw ? RawText.escape(column.description()) : column.description();
                table.add(List.of(List.of(column.header()), List.of(column.type().label()), List.of(description)));
            }
            if (raw) {
                table.writeRaw(out, false);
            } else {
                table.writeTable(out, false, OptionalInt.empty());
            }
        }
        out.flush();
    }
}
