package dev.listns.cli;

import dev.listns.columns.ColumnList;
import dev.listns.columns.TreeRelation;
import dev.listns.model.NamespaceType;
import dev.listns.output.ColumnStyle;
import dev.listns.output.OutputFormat;

import java.nio.file.Path;
import java.util.List;

/**
 * What a listns command line asked for, whichever parser read it ({@link ArgumentParser} or picocli):
 * the options of {@link ListnsOptions}, the NAMESPACE argument and what to scan.
 */
record Choices(List<NamespaceType> types, Integer pid, boolean all, boolean persistent, boolean list,
        ColumnList columns, String filter, boolean allColumns, boolean listColumns, boolean noHeadings, boolean raw,
        boolean json, OutputFormat format, Path outputFile, TreeRelation tree, boolean noTruncate, boolean noWrap,
        boolean verbose, boolean debug, Long namespace, ScanTarget target) {

    /** The choices in {@code values}, which hold the options of {@link ListnsOptions}. */
    static Choices read(OptionValues values) {
        return new Choices(values.value(ListnsOptions.TYPES), values.value(ListnsOptions.PID), values.value(ListnsOptions.ALL),
                values.value(ListnsOptions.PERSISTENT), values.value(ListnsOptions.LIST), values.value(ListnsOptions.COLUMNS),
                values.value(ListnsOptions.FILTER), values.value(ListnsOptions.OUTPUT_ALL),
                values.value(ListnsOptions.LIST_COLUMNS), values.value(ListnsOptions.NO_HEADINGS),
                values.value(ListnsOptions.RAW), values.value(ListnsOptions.JSON), values.value(ListnsOptions.FORMAT),
                values.value(ListnsOptions.OUTPUT_FILE), values.value(ListnsOptions.TREE),
                values.value(ListnsOptions.NO_TRUNCATE), values.value(ListnsOptions.NO_WRAP),
                values.value(ListnsOptions.VERBOSE), values.value(ListnsOptions.DEBUG),
                values.value(ListnsOptions.NAMESPACE), ScanTarget.read(values));
    }

    /** Whether the host's initial namespaces are shown: -a, or one asked for by its inode. */
    boolean initialShown() {
        return all || namespace != null;
    }

    boolean jsonFormat() {
        return json || format == OutputFormat.JSON;
    }

    /**
     * Whether columns were asked for, rather than listns's table, tree or JSON: -l, -o, --output-all or
     * -r, or a tree in JSON.
     */
    boolean wantsColumns() {
        return list || columns != null || filter != null || allColumns || raw || tree != null && jsonFormat();
    }

    ColumnStyle columnStyle() {
        return jsonFormat() ? ColumnStyle.JSON : raw ? ColumnStyle.RAW : ColumnStyle.TABLE;
    }
}
