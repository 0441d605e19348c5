package dev.listns.output;

import dev.listns.model.Namespace;
import dev.listns.model.ScanResult;

import java.io.PrintWriter;
import java.util.OptionalInt;

/**
 * The original listns table: {@code PID  Namespace  Thread/Command}, one row per holder. Commands
 * are cut only when a terminal width is given; in a pipe or file every word stays for grep.
 */
public final class TableFormatter implements Formatter {
    private static final String FORMAT = "%10s  %-20s  %s";
    private static final int FIXED_COLUMNS = 10 + 2 + 20 + 2;
    private static final int MIN_COMMAND_WIDTH = 20;

    private final boolean headings;
    private final OptionalInt width;

    public TableFormatter(boolean headings, OptionalInt width) {
        this.headings = headings;
        this.width = width;
    }

    @Override
    public void write(ScanResult result, PrintWriter out) {
        if (headings) {
            out.println(String.format(FORMAT, "PID", "Namespace", "Thread/Command"));
        }
        for (Namespace namespace : result.namespaces()) {
            for (Row row : Row.of(namespace)) {
                out.println(String.format(FORMAT, row.pid(), row.namespace(), fit(row.description())));
            }
            if (out.checkError()) {
                return; // the reader went away (| head): stop quietly
            }
        }
    }

    private String fit(String text) {
        if (width.isEmpty()) {
            return text;
        }
        int room = Math.max(MIN_COMMAND_WIDTH, width.getAsInt() - FIXED_COLUMNS);
        return text.length() <= room ? text : text.substring(0, room - 1) + "…";
    }
}
