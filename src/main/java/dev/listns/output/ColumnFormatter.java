package dev.listns.output;

import dev.listns.columns.Column;
import dev.listns.columns.ColumnValue;
import dev.listns.columns.Line;
import dev.listns.columns.LineContext;
import dev.listns.columns.LineTree;
import dev.listns.columns.Lines;
import dev.listns.columns.TreeRelation;
import dev.listns.columns.UserNames;
import dev.listns.model.Namespace;
import dev.listns.model.ScanResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Chosen columns of one line per namespace ({@code -l}) or per holder, as a table, raw or JSON, flat or
 * as a tree ({@code -T} with columns). Every text is escaped for where it goes: {@link TerminalSafe} in a
 * table and in JSON (as in listns's other output), {@link RawText} in raw output.
 */
public final class ColumnFormatter implements Formatter {

    /**
     * What to print and how.
     *
     * @param width    a terminal's width, to cut the cuttable columns to; empty never cuts (a pipe, {@code -u})
     * @param noWrap   lists on one line, comma-separated ({@code -W}), rather than a line per item in a table
     *                 and newline-separated in JSON
     * @param tree     the relation to draw, if a tree
     * @param boxDrawing tree lines in box-drawing characters (a terminal) rather than ASCII
     * @param keep     which lines to print (a filter on their columns' values); in a tree, a line whose
     *                 line above is not kept becomes a root
     */
    public record Layout(Line.View view, List<Column> columns, ColumnStyle style, boolean headings, OptionalInt width,
            boolean noWrap, Optional<TreeRelation> tree, boolean boxDrawing, UserNames users, Predicate<Line> keep) {
        public Layout {
            columns = List.copyOf(columns);
        }

        /** Every line kept. */
        public Layout(Line.View view, List<Column> columns, ColumnStyle style, boolean headings, OptionalInt width,
                boolean noWrap, Optional<TreeRelation> tree, boolean boxDrawing, UserNames users) {
            this(view, columns, style, headings, width, noWrap, tree, boxDrawing, users, line -> true);
        }
    }

    private record Glyphs(String branch, String last, String pipe, String space) {
        static final Glyphs UNICODE = new Glyphs("├─", "└─", "│ ", "  ");
        static final Glyphs ASCII = new Glyphs("|-", "`-", "| ", "  ");
    }

    // Loops and null checks in this class where lambdas and Optional chains would do: -l is an every-day
    // output, and each lambda is a class the JVM spins at start-up.
    private final Layout layout;
    /** The column the tree is drawn in, as lsns draws it: NS for owners and parents, COMMAND for processes; null without a tree. */
    private final Column treeColumn;

    public ColumnFormatter(Layout layout) {
        this.layout = layout;
        Column drawnIn = layout.tree().isEmpty() ? null
                : layout.tree().get() == TreeRelation.PROCESS ? Column.COMMAND : Column.NS;
        this.treeColumn = drawnIn != null && layout.columns().contains(drawnIn) ? drawnIn : null;
    }

    @Override
    public void write(ScanResult result, PrintWriter out) {
        LineContext context = LineContext.of(result, layout.users());
        List<Line> all = layout.view() == Line.View.NAMESPACE ? Lines.perNamespace(result, context)
                : Lines.perHolder(result, context);
        List<Line> lines = new ArrayList<>(all.size());
        for (Line line : all) {
            if (layout.keep().test(line)) {
                lines.add(line);
            }
        }
        List<LineTree.Node> forest = layout.tree().isEmpty() ? LineTree.flat(lines)
                : LineTree.of(lines, layout.tree().get().ups(namespaces(lines)));
        if (layout.style() == ColumnStyle.JSON) {
            writeJson(forest, out);
        } else {
            writeText(forest, out);
        }
    }

    private static List<Namespace> namespaces(List<Line> lines) {
        List<Namespace> namespaces = new ArrayList<>(lines.size());
        for (Line line : lines) {
            namespaces.add(line.namespace());
        }
        return namespaces;
    }

    // ---- table and raw

    private void writeText(List<LineTree.Node> forest, PrintWriter out) {
        boolean raw = layout.style() == ColumnStyle.RAW;
        List<TextTable.Heading> headings = new ArrayList<>();
        for (Column column : layout.columns()) {
            // A tree column reads from the left, where its branches are.
            boolean right = column.rightAligned() && column != treeColumn;
            headings.add(new TextTable.Heading(column.header(), right, column.truncatable()));
        }
        TextTable table = new TextTable(headings);
        Glyphs glyphs = layout.boxDrawing() && !raw ? Glyphs.UNICODE : Glyphs.ASCII;
        addRows(table, forest, "", glyphs, raw, true);
        if (raw) {
            table.writeRaw(out, layout.headings());
        } else {
            table.writeTable(out, layout.headings(), layout.width());
        }
        out.flush();
    }

    private void addRows(TextTable table, List<LineTree.Node> nodes, String indent, Glyphs glyphs, boolean raw, boolean roots) {
        for (int i = 0; i < nodes.size(); i++) {
            boolean last = i == nodes.size() - 1;
            LineTree.Node node = nodes.get(i);
            String branch = roots ? "" : indent + (last ? glyphs.last() : glyphs.branch());
            List<List<String>> cells = new ArrayList<>(layout.columns().size());
            for (Column column : layout.columns()) {
                List<String> cell = cell(column.value(node.line()), raw);
                if (!branch.isEmpty() && column == treeColumn) {
                    String prefix = raw ? RawText.escape(branch) : branch;
                    cell = cell.isEmpty() ? List.of(prefix) : prefixed(prefix, cell);
                }
                cells.add(cell);
            }
            table.add(cells);
            String below = roots ? "" : indent + (last ? glyphs.space() : glyphs.pipe());
            addRows(table, node.children(), below, glyphs, raw, false);
        }
    }

    private static List<String> prefixed(String prefix, List<String> cell) {
        List<String> lines = new ArrayList<>(cell);
        lines.set(0, prefix + lines.get(0));
        return lines;
    }

    /** A value as the lines of its cell: none when absent, one per item of a list unless on one line. */
    private List<String> cell(ColumnValue value, boolean raw) {
        if (value instanceof ColumnValue.Text text) {
            return List.of(raw ? RawText.escape(text.value()) : TerminalSafe.escape(text.value()));
        }
        if (value instanceof ColumnValue.Number number) {
            return List.of(Long.toString(number.value()));
        }
        if (value instanceof ColumnValue.TextList list) {
            List<String> items = new ArrayList<>(list.values().size());
            for (String item : list.values()) {
                items.add(raw ? RawText.escape(item) : TerminalSafe.escape(item));
            }
            return raw || layout.noWrap() ? List.of(String.join(",", items)) : items;
        }
        return List.of();
    }

    // ---- JSON

    private void writeJson(List<LineTree.Node> forest, PrintWriter out) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(layout.view() == Line.View.NAMESPACE ? "namespaces" : "holders", elements(forest));
        out.println(Json.pretty(document));
        out.flush();
    }

    private List<Object> elements(List<LineTree.Node> nodes) {
        List<Object> elements = new ArrayList<>(nodes.size());
        for (LineTree.Node node : nodes) {
            Map<String, Object> element = new LinkedHashMap<>();
            for (Column column : layout.columns()) {
                element.put(column.jsonKey(), json(column.value(node.line())));
            }
            if (!node.children().isEmpty()) {
                element.put("children", elements(node.children()));
            }
            elements.add(element);
        }
        return elements;
    }

    /** A number as a JSON number, a text as a string (escaped as in the table), absent as null. */
    private Object json(ColumnValue value) {
        if (value instanceof ColumnValue.Text text) {
            return TerminalSafe.escape(text.value());
        }
        if (value instanceof ColumnValue.Number number) {
            return number.value();
        }
        if (value instanceof ColumnValue.TextList list) {
            List<String> items = new ArrayList<>(list.values().size());
            for (String item : list.values()) {
                items.add(TerminalSafe.escape(item));
            }
            return String.join(layout.noWrap() ? "," : "\n", items);
        }
        return null;
    }
}
