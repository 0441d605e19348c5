package dev.listns.cli;

import dev.listns.columns.ColumnList;
import dev.listns.columns.TreeRelation;
import dev.listns.model.NamespaceType;
import dev.listns.output.OutputFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options and the argument of the listns command, declared once: {@link ArgumentParser} reads the
 * usual command lines from these, and picocli's model ({@link ListnsCommandLine}) is built from them for
 * help, errors and the docs. In the order help lists them.
 */
final class ListnsOptions {
    static final OptionDeclaration<List<NamespaceType>> TYPES = OptionDeclaration.repeatable("TYPE", NamespaceType.class,
            new NamespaceTypeConverter(), List.of(),
            "Only namespaces of this type (repeatable or comma list): ${COMPLETION-CANDIDATES}.", "-t", "--type")
            .split(",").completions(new Candidates.Types());
    static final OptionDeclaration<Integer> PID = OptionDeclaration.value("PID", Integer.class, new PidConverter(), null,
            "Only namespaces this process is in or holds (with every holder of them).", "-p", "--pid", "--task");
    static final OptionDeclaration<Boolean> ALL = OptionDeclaration.flag(
            "Include the initial namespaces (-l always does).", "-a", "--all");
    static final OptionDeclaration<Boolean> PERSISTENT = OptionDeclaration.flag("Only namespaces no process is in: held "
            + "by a bind mount, an fd, a socket, a child namespace or a thread.", "-P", "--persistent");
    static final OptionDeclaration<Boolean> LIST = OptionDeclaration.flag("One line per namespace, as lsns prints them: "
            + "every namespace, the initial ones and those no process is in too, by inode.", "-l", "--list");
    static final OptionDeclaration<ColumnList> COLUMNS = OptionDeclaration.value("LIST", ColumnList.class,
            new ColumnListConverter(), null, "The columns to print, e.g. NS,TYPE,PID; +LIST adds to the defaults. "
                    + "Without -l or -T, one line per holder (default columns PID,ID,HOLDER).", "-o", "--output")
            .completions(new Candidates.Columns());
    static final OptionDeclaration<String> FILTER = OptionDeclaration.value("EXPR", String.class, ValueConverter.TEXT, null,
            "Only the lines for which EXPR holds, in lsns's filter language over the columns (-H lists them), e.g. "
                    + "'TYPE == \"net\" && NPROCS > 1' or 'COMMAND =~ \"^/usr/sbin/\"'. Implies column output "
                    + "(one line per holder without -l).", "-Q", "--filter");
    static final OptionDeclaration<Boolean> OUTPUT_ALL = OptionDeclaration.flag("Print every column.", "--output-all");
    static final OptionDeclaration<Boolean> LIST_COLUMNS = OptionDeclaration.flag(
            "List the columns, with -J or -r machine-readable.", "-H", "--list-columns");
    static final OptionDeclaration<Boolean> NO_HEADINGS = OptionDeclaration.flag("Do not print the table heading.",
            "-n", "--noheadings", "--no-headings");
    static final OptionDeclaration<Boolean> RAW = OptionDeclaration.flag("Raw columns: one blank between them; blanks, "
            + "backslashes and bytes that are not printable ASCII in a value written as \\xNN.", "-r", "--raw");
    static final OptionDeclaration<Boolean> JSON = OptionDeclaration.flag("JSON: with -l, -o or -T lsns's shape of the "
            + "columns; else listns's own (schema version 1, see the README), short for --format json.", "-J", "--json");
    static final OptionDeclaration<OutputFormat> FORMAT = OptionDeclaration.value("FORMAT", OutputFormat.class,
            new ValueConverter.CaseInsensitive<>(OutputFormat.class), OutputFormat.TABLE,
            "Output format: ${COMPLETION-CANDIDATES} (default: table). jsonl: one JSON object per namespace per line. "
                    + "prometheus: node_exporter textfile metrics; they always count every namespace, so -t, -p, -a and "
                    + "-P do not apply.", "--format")
            .completions(new Candidates.Formats());
    static final OptionDeclaration<Path> OUTPUT_FILE = OptionDeclaration.value("FILE", Path.class, ValueConverter.PATH, null,
            "Write to FILE instead of stdout, atomically (temporary file, fsync, rename), e.g. for node_exporter's "
                    + "textfile collector. Its directory and those above it must be root's or yours and not writable by "
                    + "others (sticky ones like /tmp excepted).", "--output-file");
    static final OptionDeclaration<TreeRelation> TREE = OptionDeclaration.value("RELATION", TreeRelation.class,
            new ValueConverter.CaseInsensitive<>(TreeRelation.class), null,
            "Draw a tree: 'owner' (the default: namespaces under their owning user namespace), 'parent' (user and PID "
                    + "namespace trees) or 'process' (under the namespace of the parent of their first process). Trees "
                    + "show every namespace. With -o, -r or -J, the tree of lsns's lines.", "-T", "--tree")
            .optionalValue("owner").completions(new Candidates.Relations());
    static final OptionDeclaration<Boolean> NO_TRUNCATE = OptionDeclaration.flag(
            "Never cut text, even on a terminal (in a pipe it never is).", "-u", "--notruncate", "-w", "--wide");
    static final OptionDeclaration<Boolean> NO_WRAP = OptionDeclaration.flag(
            "Lists (NSFS, NAMES) on one line, comma-separated.", "-W", "--nowrap");
    static final OptionDeclaration<Boolean> VERBOSE = OptionDeclaration.flag(
            "Say on stderr which baseline was used and where the time went.", "-v", "--verbose");
    static final OptionDeclaration<Boolean> DEBUG = OptionDeclaration.flag(
            "Show stack traces and debug logging on stderr.", "--debug");

    static final PositionalDeclaration<Long> NAMESPACE = new PositionalDeclaration<>("NAMESPACE",
            "Only this namespace, by inode number as lsns takes it (or as net:[INODE]), initial or not: with -l its line, "
                    + "else every holder of it.", Long.class, new NamespaceConverter());

    /** Every option, the scan target's (hidden) last; help and version are picocli's own. */
    static final List<OptionDeclaration<?>> OPTIONS = every();

    /** The subcommands: a command line that names one is left to picocli. */
    static final List<String> SUBCOMMANDS = List.of(AuditOptions.NAME);

    private ListnsOptions() {
    }

    /** The parser of listns's usual command lines. */
    static ArgumentParser parser() {
        return new ArgumentParser(OPTIONS, NAMESPACE, SUBCOMMANDS);
    }

    private static List<OptionDeclaration<?>> every() {
        List<OptionDeclaration<?>> every = new ArrayList<>(List.of(TYPES, PID, ALL, PERSISTENT, LIST, COLUMNS, FILTER,
                OUTPUT_ALL, LIST_COLUMNS, NO_HEADINGS, RAW, JSON, FORMAT, OUTPUT_FILE, TREE, NO_TRUNCATE, NO_WRAP, VERBOSE, DEBUG));
        every.addAll(ScanTarget.OPTIONS);
        return List.copyOf(every);
    }
}
