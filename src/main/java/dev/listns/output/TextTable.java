package dev.listns.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Rows of escaped cells printed as a table (columns one blank apart, padded to the widest cell, numbers
 * right-aligned) or raw (one blank between cells, no padding). In a table a cell may have several lines,
 * which stack under each other with the row's other cells blank; a raw cell has one.
 */
final class TextTable {
    /** The least a cut column keeps: room for a few words. */
    private static final int MIN_CUT_WIDTH = 12;
    private static final String ELLIPSIS = "…";

    /** A column's heading and how its cells are laid out. */
    record Heading(String text, boolean rightAligned, boolean truncatable) {
    }

    private final List<Heading> headings;
    /** Row, then cell, then the cell's lines. */
    private final List<List<List<String>>> rows = new ArrayList<>();

    TextTable(List<Heading> headings) {
        this.headings = List.copyOf(headings);
    }

    /** Adds a row: one entry per heading, each the cell's lines (none for an empty cell). */
    void add(List<List<String>> cells) {
        if (cells.size() != headings.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + headings.size() + " columns");
        }
        rows.add(cells);
    }

    /** Raw: the cells' text one blank apart, a row per line; cells must already be one line each. */
    void writeRaw(PrintWriter out, boolean withHeadings) {
        ReaderGone readerGone = new ReaderGone(out);
        StringBuilder line = new StringBuilder(256);
        if (withHeadings) {
            for (int i = 0; i < headings.size(); i++) {
                line.append(i > 0 ? " " : "").append(headings.get(i).text());
            }
            out.println(line);
        }
        for (List<List<String>> row : rows) {
            line.setLength(0);
            for (int i = 0; i < row.size(); i++) {
                line.append(i > 0 ? " " : "").append(String.join(",", row.get(i)));
            }
            out.println(line);
            if (readerGone.afterWrite()) {
                return;
            }
        }
    }

    /**
     * A table. With {@code width} (a terminal's), the cuttable columns are cut so that lines fit it where
     * they can; without, nothing is cut.
     */
    void writeTable(PrintWriter out, boolean withHeadings, OptionalInt width) {
        int[] widths = new int[headings.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = withHeadings ? length(headings.get(i).text()) : 0;
        }
        for (List<List<String>> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                for (String text : row.get(i)) {
                    widths[i] = Math.max(widths[i], length(text));
                }
            }
        }
        if (width.isPresent()) {
            fit(widths, width.getAsInt());
        }
        ReaderGone readerGone = new ReaderGone(out);
        StringBuilder line = new StringBuilder(256);
        if (withHeadings) {
            List<List<String>> titles = new ArrayList<>(headings.size());
            for (Heading heading : headings) { // a loop: a lambda would be a class spun at start-up
                titles.add(List.of(heading.text()));
            }
            writeRow(out, line, titles, widths);
        }
        for (List<List<String>> row : rows) {
            writeRow(out, line, row, widths);
            if (readerGone.afterWrite()) {
                return;
            }
        }
    }

    /** Narrows cuttable columns, the last first, until the line fits {@code room} or they are as narrow as allowed. */
    private void fit(int[] widths, int room) {
        int total = widths.length - 1;
        for (int w : widths) {
            total += w;
        }
        for (int i = widths.length - 1; i >= 0 && total > room; i--) {
            if (headings.get(i).truncatable()) {
                int least = Math.max(length(headings.get(i).text()), MIN_CUT_WIDTH);
                int cut = Math.min(total - room, widths[i] - least);
                if (cut > 0) {
                    widths[i] -= cut;
                    total -= cut;
                }
            }
        }
    }

    private void writeRow(PrintWriter out, StringBuilder line, List<List<String>> cells, int[] widths) {
        int height = 1;
        for (List<String> cell : cells) {
            height = Math.max(height, cell.size());
        }
        for (int k = 0; k < height; k++) {
            line.setLength(0);
            int last = -1; // the last cell with text: no padding after it, so no line ends in blanks
            for (int i = 0; i < cells.size(); i++) {
                if (k < cells.get(i).size() && !cells.get(i).get(k).isEmpty()) {
                    last = i;
                }
            }
            for (int i = 0; i <= last; i++) {
                String text = k < cells.get(i).size() ? cut(cells.get(i).get(k), widths[i]) : "";
                String padding = " ".repeat(Math.max(0, widths[i] - length(text)));
                if (i > 0) {
                    line.append(' ');
                }
                if (headings.get(i).rightAligned()) {
                    line.append(padding).append(text);
                } else {
                    line.append(text).append(i < last ? padding : "");
                }
            }
            out.println(line);
        }
    }

    /** The text cut to {@code width} characters, its last one an ellipsis; never half a character. */
    private static String cut(String text, int width) {
        if (length(text) <= width) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.max(0, width - 1))) + ELLIPSIS;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
