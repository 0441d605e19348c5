package dev.listns.cli;

import dev.listns.columns.Column;
import dev.listns.columns.ColumnFilter;
import dev.listns.columns.ColumnSelection;
import dev.listns.columns.Line;
import dev.listns.files.AtomicFile;
import dev.listns.filter.Filter;
import dev.listns.filter.FilterSyntaxException;
import dev.listns.files.IoErrors;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceFilter;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanFailedException;
import dev.listns.model.ScanRequest;
import dev.listns.model.ScanResult;
import dev.listns.output.ColumnFormatter;
import dev.listns.output.ColumnListFormatter;
import dev.listns.output.ColumnStyle;
import dev.listns.output.Formatter;
import dev.listns.output.JsonFormatter;
import dev.listns.output.JsonlFormatter;
import dev.listns.output.OutputFormat;
import dev.listns.output.PrometheusFormatter;
import dev.listns.output.TableFormatter;
import dev.listns.output.TreeFormatter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The listing: the choices of a command line in, scanner and formatter wired, exit code out. Which
 * parser read the command line is {@link Listns}'s business: this class knows only {@link Choices}.
 */
final class ListnsCommand {
    private final Environment environment;
    private final Choices choices;

    ListnsCommand(Environment environment, Choices choices) {
        this.environment = environment;
        this.choices = choices;
    }

    /**
     * What to write, decided once: the formatter, whether it needs every namespace whatever -t, -p, -a
     * and -P say, and what the scan must read for it.
     */
    private record Output(Formatter formatter, boolean everyNamespace, ScanRequest request) {
        /** Output whose rows may show any holder of the namespaces it needs. */
        static Output showing(Formatter formatter, boolean everyNamespace, boolean initialNamespaces) {
            return new Output(formatter, everyNamespace,
                    initialNamespaces ? ScanRequest.EVERY_NAMESPACE : ScanRequest.CHANGED_NAMESPACES);
        }

        /** The same output, showing the UIDs of processes too. */
        Output withUids() {
            return new Output(formatter, everyNamespace, request.withUids());
        }
    }

    /**
     * Lists what the choices ask for.
     *
     * @throws UsageException for choices that cannot go together or a filter that cannot be read, before any scan
     */
    int call() {
        refuseConflicts(choices);
        if (choices.listColumns()) {
            // What the columns are needs no scan.
            new ColumnListFormatter(choices.columnStyle()).write(environment.out());
            return ExitCodes.OK;
        }
        Output output = output(choices);
        ScanResult result;
        try {
            result = choices.target().scanner(environment.scanners()).scan(output.request());
        } catch (ScanFailedException e) {
            environment.err().println("listns: " + e.getMessage());
            return ExitCodes.FAILURE_OR_CHANGED;
        }
        Diagnostics.report(result, choices.verbose(), environment.err());
        NamespaceFilter filter = output.everyNamespace() ? NamespaceFilter.everything() : filter(choices);
        Integer pid = choices.pid();
        if (pid != null && filter.pid().isPresent() && !anyHeldBy(result, pid)) {
            // The model knows processes only through what they hold: one whose links are all denied holds nothing.
            environment.err().println("listns: no process with PID " + pid + ", or none whose namespaces can be read");
            return ExitCodes.FAILURE_OR_CHANGED;
        }
        Long inode = choices.namespace();
        if (inode != null && !anyWithInode(result, inode)) {
            environment.err().println("listns: no namespace with inode " + inode + " was found");
            return ExitCodes.FAILURE_OR_CHANGED;
        }
        return write(output.formatter(), filter.apply(result), choices.outputFile());
    }

    /** Options that cannot go together, as in lsns (-J and -r, -l and -T, -P and -p) and where listns adds formats. */
    private static void refuseConflicts(Choices choices) {
        if (choices.raw() && choices.jsonFormat()) {
            throw new UsageException("-r and -J (--format json) cannot be used together");
        }
        if (choices.list() && choices.tree() != null) {
            throw new UsageException("-l and -T cannot be used together: a list or a tree");
        }
        if (choices.persistent() && choices.pid() != null) {
            throw new UsageException("-P and -p cannot be used together: namespaces without processes, or those of one");
        }
        if (choices.wantsColumns() && (choices.format() == OutputFormat.JSONL || choices.format() == OutputFormat.PROMETHEUS)) {
            throw new UsageException("-l, -o, --output-all, -Q and -r print columns; --format "
                    + choices.format().name().toLowerCase(Locale.ROOT) + " has none");
        }
    }

    /** What -t, -p, -a and -P ask for; -l shows the initial namespaces too, as lsns does. */
    private static NamespaceFilter filter(Choices choices) {
        List<NamespaceType> types = choices.types();
        return new NamespaceFilter(types.isEmpty() ? EnumSet.noneOf(NamespaceType.class) : EnumSet.copyOf(types),
                choices.pid() == null ? OptionalInt.empty() : OptionalInt.of(choices.pid()),
                choices.initialShown() || choices.list(), choices.persistent(),
                choices.namespace() == null ? OptionalLong.empty() : OptionalLong.of(choices.namespace()));
    }

    private int write(Formatter formatter, ScanResult result, Path output) {
        if (output == null) {
            formatter.write(result, environment.out());
            return ExitCodes.OK;
        }
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            formatter.write(result, writer);
        }
        try {
            AtomicFile.write(output, text.toString().getBytes(StandardCharsets.UTF_8), "rw-r--r--");
            return ExitCodes.OK;
        } catch (IOException e) {
            environment.err().println("listns: cannot write " + output + ": " + IoErrors.describe(e));
            return ExitCodes.FAILURE_OR_CHANGED;
        }
    }

    /**
     * A tree needs every namespace to connect its branches; metrics must not depend on the options of
     * whoever wrote them, or two hosts' series would not compare. Everything else shows what was asked.
     */
    private Output output(Choices choices) {
        Terminal terminal = environment.terminal();
        if (choices.wantsColumns()) {
            ColumnFormatter.Layout layout = layout(choices, terminal);
            // Lines per namespace show the initial namespaces too, with their first process's command, as lsns does.
            Output output = Output.showing(new ColumnFormatter(layout), choices.tree() != null,
                    choices.list() || choices.tree() != null || choices.initialShown());
            boolean uids = anyNeedsUid(layout.columns())
                    || layout.keep() instanceof ColumnFilter filter && anyNeedsUid(filter.columns());
            return uids ? output.withUids() : output;
        }
        if (choices.tree() != null) {
            return Output.showing(new TreeFormatter(choices.tree(), terminal.isTerminal()), true, true);
        }
        if (choices.jsonFormat()) {
            return Output.showing(new JsonFormatter("listns " + VersionProvider.version()), false, choices.initialShown());
        }
        if (choices.format() == OutputFormat.JSONL) {
            return Output.showing(new JsonlFormatter(), false, choices.initialShown());
        }
        if (choices.format() == OutputFormat.PROMETHEUS) {
            // Counts only: no command line is shown.
            return Output.showing(new PrometheusFormatter(VersionProvider.version()), true, false);
        }
        return Output.showing(new TableFormatter(!choices.noHeadings(), cutTo(choices, terminal)), false, choices.initialShown());
    }

    // Loops, not streams with method references: an ordinary run spins no lambda (see Main.Scanners).
    private static boolean anyHeldBy(ScanResult result, int pid) {
        NamespaceFilter heldByPid = NamespaceFilter.heldByPid(pid);
        for (Namespace namespace : result.namespaces()) {
            if (heldByPid.test(namespace)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyWithInode(ScanResult result, long inode) {
        for (Namespace namespace : result.namespaces()) {
            if (namespace.id().inode() == inode) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyNeedsUid(List<Column> columns) {
        for (Column column : columns) {
            if (column.needsUid()) {
                return true;
            }
        }
        return false;
    }

    /** The columns and how to print them: lsns's lines (-l, trees) or listns's holders, and their defaults. */
    private ColumnFormatter.Layout layout(Choices choices, Terminal terminal) {
        boolean perNamespace = choices.list() || choices.tree() != null;
        List<Column> defaults = choices.allColumns() ? List.of(Column.values())
                : perNamespace ? ColumnSelection.namespaceDefaults(choices.types().contains(NamespaceType.NET))
                : ColumnSelection.holderDefaults();
        List<Column> shown = choices.columns() == null ? defaults : choices.columns().over(defaults);
        return new ColumnFormatter.Layout(perNamespace ? Line.View.NAMESPACE : Line.View.HOLDER, shown, choices.columnStyle(),
                !choices.noHeadings(), cutTo(choices, terminal), choices.noWrap(), Optional.ofNullable(choices.tree()),
                terminal.isTerminal(), choices.target().users(), lineFilter(choices.filter()));
    }

    private static final Predicate<Line> EVERY_LINE = new Predicate<>() {
        @Override
        public boolean test(Line line) {
            return true;
        }
    };

    /** What -Q keeps; a bad expression or an unknown column is a usage error, found before any scan. */
    private static Predicate<Line> lineFilter(String expression) {
        if (expression == null) {
            return EVERY_LINE;
        }
        ColumnFilter.Result result;
        try {
            result = ColumnFilter.of(Filter.parse(expression));
        } catch (FilterSyntaxException e) {
            throw new UsageException(e.getMessage());
        }
        if (!result.unknownColumns().isEmpty()) {
            throw new UsageException("filter: unknown column '" + result.unknownColumns().get(0) + "' (-H lists the columns)");
        }
        return result.filter().orElseThrow();
    }

    /** The width to cut text to: a terminal's, unless -u; in a pipe or file nothing is ever cut. */
    private static OptionalInt cutTo(Choices choices, Terminal terminal) {
        return choices.noTruncate() || !terminal.isTerminal() ? OptionalInt.empty() : terminal.columns();
    }
}
