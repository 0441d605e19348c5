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
    private static final int PID_WIDTH = 10;
    private static final int NAMESPACE_WIDTH = 20;
    private static final int FIXED_COLUMNS = PID_WIDTH + 2 + NAMESPACE_WIDTH + 2;
    private static final int MIN_COMMAND_WIDTH = 20;

    private final boolean headings;
    private final OptionalInt width;

    public TableFormatter(boolean headings, OptionalInt width) {
        this.headings = headings;
        this.width = width;
    }

    @Override
    public void write(ScanResult result, PrintWriter out) {
        StringBuilder line = new StringBuilder(256);
        ReaderGone readerGone = new ReaderGone(out);
        if (headings) {
            out.println(line(line, "PID", "Namespace", "Thread/Command"));
        }
        for (Namespace namespace : result.namespaces()) {
            for (Row row : Row.of(namespace)) {
                out.println(line(line, row.pid(), row.namespace(), fit(row.description())));
            }
            if (readerGone.afterWrite()) {
                return;
            }
        }
    }

    /** The original script's layout: PID right-aligned in 10, namespace left-aligned in 20. */
    private static StringBuilder line(StringBuilder line, String pid, String namespace, String command) {
        line.setLength(0);
        line.append(" ".repeat(Math.max(0, PID_WIDTH - pid.length()))).append(pid).append("  ").append(namespace);
        line.append(" ".repeat(Math.max(0, NAMESPACE_WIDTH - namespace.length()))).append("  ").append(command);
        return line;
    }

    private String fit(String text) {
        if (width.isEmpty()) {
            return text;
        }
        int room = Math.max(MIN_COMMAND_WIDTH, width.getAsInt() - FIXED_COLUMNS);
        if (text.length() <= room) {
            return text;
        }
        int end = room - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never keep half of a character
        }
        return text.substring(0, end) + "…";
    }
}
