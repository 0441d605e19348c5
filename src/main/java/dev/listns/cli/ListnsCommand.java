package dev.listns.cli;

import dev.listns.columns.Column;
import dev.listns.columns.ColumnFilter;
import dev.listns.columns.ColumnList;
import dev.listns.columns.ColumnSelection;
import dev.listns.columns.Line;
import dev.listns.columns.TreeRelation;
import dev.listns.files.AtomicFile;
import dev.listns.filter.Filter;
import dev.listns.filter.FilterSyntaxException;
import dev.listns.files.IoErrors;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The listing: options in, scanner and formatter wired, exit code out.
 *
 * <p>Options are declared in code, not with picocli's annotations: reading annotations makes the JDK
 * generate a proxy class per annotation type and a reflective accessor per field, about 30 ms at every
 * start of a tool that often runs for a tenth of a second.
 */
public final class ListnsCommand implements Callable<Integer> {
    private final Environment environment;
    private final CommandSpec spec;
    private final ScanTarget target = new ScanTarget();
    private final TypedOption<List<NamespaceType>> types;
    private final TypedOption<Integer> pid;
    private final TypedOption<Boolean> all;
    private final TypedOption<Boolean> persistent;
    private final TypedOption<Boolean> list;
    private final TypedOption<ColumnList> columns;
    private final TypedOption<String> filter;
    private final PositionalParamSpec namespace;
    private final TypedOption<Boolean> allColumns;
    private final TypedOption<Boolean> listColumns;
    private final TypedOption<Boolean> noHeadings;
    private final TypedOption<Boolean> raw;
    private final TypedOption<Boolean> json;
    private final TypedOption<OutputFormat> format;
    private final TypedOption<Path> outputFile;
    private final TypedOption<TreeRelation> tree;
    private final TypedOption<Boolean> noTruncate;
    private final TypedOption<Boolean> noWrap;
    private final TypedOption<Boolean> verbose;
    private final TypedOption<Boolean> debug;

    public ListnsCommand(Environment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "listns");
        spec.usageMessage()
                .description("Lists the Linux namespaces of this host that differ from the initial ones, "
                        + "and what keeps each one alive.", "",
                    "Rows: PID is the member process or thread; '--' marks a holder that is not a member "
                        + "(a bind mount, an open fd, a socket, a child namespace). '**' marks a member of a "
                        + "network namespace named with 'ip netns'.", "",
                    "Columns as lsns prints them: -l gives one line per namespace, every namespace included, "
                        + "with lsns's columns. -o LIST picks the columns ('listns -H' lists them): of those "
                        + "lines, or without -l of one line per holder (default PID,ID,HOLDER). -r and -J print "
                        + "them raw or as JSON; -J alone prints listns's own JSON.", "")
                .commandListHeading("%nCommands:%n")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(CommandSpecs.exitCodes(
                    "0", "success (also when no non-initial namespace exists)",
                    "1", "the scan failed; for 'audit': something changed",
                    "2", "usage error (unknown option, bad value)",
                    "3", "'audit' only: error (state or ignore file unusable, another audit running, scan failed)"))
                .footerHeading("%nExamples:%n")
                // Kept under 80 columns: picocli wraps a longer footer line mid-phrase. The man page generator
                // reads "  command   explanation" lines as examples; deeper-indented lines continue the explanation.
                .footer(
                    "  sudo listns                     quick look at every non-initial namespace",
                    "  sudo listns | grep 4026532281   everything that holds one namespace",
                    "  sudo listns -t net -t mnt       only network and mount namespaces",
                    "  sudo listns -T owner            namespaces under their owning user namespace",
                    "  sudo listns -l -o NS,TYPE,NPROCS,USER,HOLDER",
                    "                                  a line per namespace, with these columns",
                    "  sudo listns -l -P -r            namespaces no process is in, raw",
                    "  sudo listns -J | jq -r '.namespaces[] | select(.type==\"net\") | .id'",
                    "                                  JSON to jq: the ids of the network namespaces",
                    "  listns audit --state /var/lib/listns/audit.state",
                    "                                  from root's crontab: report what changed since",
                    "                                  the last run, and exit 1 if anything did");
        types = TypedOption.add(spec, OptionSpec.builder("-t", "--type").type(List.class).auxiliaryTypes(NamespaceType.class)
                .splitRegex(",").paramLabel("TYPE").converters(new NamespaceTypeConverter())
                .completionCandidates(new Candidates.Types()).initialValue(new ArrayList<NamespaceType>())
                .description("Only namespaces of this type (repeatable or comma list): ${COMPLETION-CANDIDATES}.").build());
        pid = TypedOption.add(spec, OptionSpec.builder("-p", "--pid", "--task").type(Integer.class).paramLabel("PID")
                .converters(new PidConverter())
                .description("Only namespaces this process is in or holds (with every holder of them).").build());
        all = TypedOption.add(spec, CommandSpecs.flag("Include the initial namespaces (-l always does).", "-a", "--all"));
        persistent = TypedOption.add(spec, CommandSpecs.flag("Only namespaces no process is in: held by a bind mount, "
                + "an fd, a socket, a child namespace or a thread.", "-P", "--persistent"));
        list = TypedOption.add(spec, CommandSpecs.flag("One line per namespace, as lsns prints them: every namespace, "
                + "the initial ones and those no process is in too, by inode.", "-l", "--list"));
        columns = TypedOption.add(spec, OptionSpec.builder("-o", "--output").type(ColumnList.class).paramLabel("LIST")
                .converters(new ColumnListConverter()).completionCandidates(new Candidates.Columns())
                .description("The columns to print, e.g. NS,TYPE,PID; +LIST adds to the defaults. Without -l or -T, "
                        + "one line per holder (default columns PID,ID,HOLDER).").build());
        filter = TypedOption.add(spec, OptionSpec.builder("-Q", "--filter").type(String.class).paramLabel("EXPR")
                .description("Only the lines for which EXPR holds, in lsns's filter language over the columns "
                        + "(-H lists them), e.g. 'TYPE == \"net\" && NPROCS > 1' or 'COMMAND =~ \"^/usr/sbin/\"'. "
                        + "Implies column output (one line per holder without -l).").build());
        allColumns = TypedOption.add(spec, CommandSpecs.flag("Print every column.", "--output-all"));
        listColumns = TypedOption.add(spec, CommandSpecs.flag("List the columns, with -J or -r machine-readable.",
                "-H", "--list-columns"));
        noHeadings = TypedOption.add(spec, CommandSpecs.flag("Do not print the table heading.",
                "-n", "--noheadings", "--no-headings"));
        raw = TypedOption.add(spec, CommandSpecs.flag("Raw columns: one blank between them; blanks, backslashes and "
                + "bytes that are not printable ASCII in a value written as \\xNN.", "-r", "--raw"));
        json = TypedOption.add(spec, CommandSpecs.flag("JSON: with -l, -o or -T lsns's shape of the columns; "
                + "else listns's own (schema version 1, see the README), short for --format json.", "-J", "--json"));
        format = TypedOption.add(spec, OptionSpec.builder("--format").type(OutputFormat.class).paramLabel("FORMAT")
                .completionCandidates(new Candidates.Formats()).initialValue(OutputFormat.TABLE)
                .description("Output format: ${COMPLETION-CANDIDATES} (default: table). jsonl: one JSON object per "
                        + "namespace per line. prometheus: node_exporter textfile metrics; they always count every "
                        + "namespace, so -t, -p, -a and -P do not apply.").build());
        outputFile = TypedOption.add(spec, OptionSpec.builder("--output-file").type(Path.class).paramLabel("FILE")
                .description("Write to FILE instead of stdout, atomically (temporary file, fsync, rename), e.g. for "
                        + "node_exporter's textfile collector. Its directory and those above it must be root's or yours "
                        + "and not writable by others (sticky ones like /tmp excepted).").build());
        tree = TypedOption.add(spec, OptionSpec.builder("-T", "--tree").type(TreeRelation.class).paramLabel("RELATION")
                .arity("0..1").fallbackValue("owner").completionCandidates(new Candidates.Relations())
                .description("Draw a tree: 'owner' (the default: namespaces under their owning user namespace), "
                        + "'parent' (user and PID namespace trees) or 'process' (under the namespace of the parent "
                        + "of their first process). Trees show every namespace. With -o, -r or -J, the tree of "
                        + "lsns's lines.").build());
        noTruncate = TypedOption.add(spec, CommandSpecs.flag("Never cut text, even on a terminal (in a pipe it never is).",
                "-u", "--notruncate", "-w", "--wide"));
        noWrap = TypedOption.add(spec, CommandSpecs.flag("Lists (NSFS, NAMES) on one line, comma-separated.",
                "-W", "--nowrap"));
        verbose = TypedOption.add(spec, CommandSpecs.flag("Say on stderr which baseline was used and where the time went.",
                "-v", "--verbose"));
        debug = TypedOption.add(spec, CommandSpecs.flag("Show stack traces and debug logging on stderr.", "--debug"));
        namespace = PositionalParamSpec.builder().index("0").arity("0..1").type(Long.class).paramLabel("NAMESPACE")
                .converters(new NamespaceConverter())
                .description("Only this namespace, by inode number as lsns takes it (or as net:[INODE]), "
                        + "initial or not: with -l its line, else every holder of it.").build();
        spec.addPositional(namespace);
        target.addTo(spec);
        CommandSpecs.addStandardHelpOptions(spec);
        spec.addSubcommand("audit", new AuditCommand(environment).spec());
    }

    /** The command tree this command heads: options, help texts, subcommands. */
    public CommandSpec spec() {
        return spec;
    }

    boolean debug() {
        return debug.value();
    }

    /** What the command line asked for, read once from the parsed options. */
    private record Choices(List<NamespaceType> types, Integer pid, boolean all, boolean persistent, boolean list,
            ColumnList columns, String filter, boolean allColumns, boolean listColumns, boolean noHeadings, boolean raw, boolean json,
            OutputFormat format, Path outputFile, TreeRelation tree, boolean noTruncate, boolean noWrap, boolean verbose,
            Long namespace) {

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

    private Choices choices() {
        return new Choices(types.value(), pid.value(), all.value(), persistent.value(), list.value(), columns.value(),
                filter.value(), allColumns.value(), listColumns.value(), noHeadings.value(), raw.value(), json.value(), format.value(),
                outputFile.value(), tree.value(), noTruncate.value(), noWrap.value(), verbose.value(), namespace.getValue());
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

    @Override
    public Integer call() {
        Choices choices = choices();
        refuseConflicts(choices);
        if (choices.listColumns()) {
            // What the columns are needs no scan.
            new ColumnListFormatter(choices.columnStyle()).write(environment.out());
            return ExitCodes.OK;
        }
        Output output = output(choices);
        ScanResult result;
        try {
            result = target.scanner(environment.scanners()).scan(output.request());
        } catch (ScanFailedException e) {
            environment.err().println("listns: " + e.getMessage());
            return ExitCodes.FAILURE_OR_CHANGED;
        }
        Diagnostics.report(result, choices.verbose(), environment.err());
        NamespaceFilter filter = output.everyNamespace() ? NamespaceFilter.everything() : filter(choices);
        Integer pid = choices.pid();
        if (pid != null && filter.pid().isPresent() && result.namespaces().stream().noneMatch(NamespaceFilter.heldByPid(pid)::test)) {
            // The model knows processes only through what they hold: one whose links are all denied holds nothing.
            environment.err().println("listns: no process with PID " + pid + ", or none whose namespaces can be read");
            return ExitCodes.FAILURE_OR_CHANGED;
        }
        Long inode = choices.namespace();
        if (inode != null && result.namespaces().stream().noneMatch(ns -> ns.id().inode() == inode)) {
            environment.err().println("listns: no namespace with inode " + inode + " was found");
            return ExitCodes.FAILURE_OR_CHANGED;
        }
        return write(output.formatter(), filter.apply(result), choices.outputFile());
    }

    /** Options that cannot go together, as in lsns (-J and -r, -l and -T, -P and -p) and where listns adds formats. */
    private void refuseConflicts(Choices choices) {
        if (choices.raw() && choices.jsonFormat()) {
            throw usage("-r and -J (--format json) cannot be used together");
        }
        if (choices.list() && choices.tree() != null) {
            throw usage("-l and -T cannot be used together: a list or a tree");
        }
        if (choices.persistent() && choices.pid() != null) {
            throw usage("-P and -p cannot be used together: namespaces without processes, or those of one");
        }
        if (choices.wantsColumns() && (choices.format() == OutputFormat.JSONL || choices.format() == OutputFormat.PROMETHEUS)) {
            throw usage("-l, -o, --output-all, -Q and -r print columns; --format "
                    + choices.format().name().toLowerCase(Locale.ROOT) + " has none");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
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
            boolean uids = layout.columns().stream().anyMatch(Column::needsUid)
                    || layout.keep() instanceof ColumnFilter filter && filter.columns().stream().anyMatch(Column::needsUid);
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

    /** The columns and how to print them: lsns's lines (-l, trees) or listns's holders, and their defaults. */
    private ColumnFormatter.Layout layout(Choices choices, Terminal terminal) {
        boolean perNamespace = choices.list() || choices.tree() != null;
        List<Column> defaults = choices.allColumns() ? List.of(Column.values())
                : perNamespace ? ColumnSelection.namespaceDefaults(choices.types().contains(NamespaceType.NET))
                : ColumnSelection.holderDefaults();
        List<Column> shown = choices.columns() == null ? defaults : choices.columns().over(defaults);
        return new ColumnFormatter.Layout(perNamespace ? Line.View.NAMESPACE : Line.View.HOLDER, shown, choices.columnStyle(),
                !choices.noHeadings(), cutTo(choices, terminal), choices.noWrap(), Optional.ofNullable(choices.tree()),
                terminal.isTerminal(), target.users(), lineFilter(choices.filter()));
    }

    /** What -Q keeps; a bad expression or an unknown column is a usage error, found before any scan. */
    private Predicate<Line> lineFilter(String expression) {
        if (expression == null) {
            return line -> true;
        }
        ColumnFilter.Result result;
        try {
            result = ColumnFilter.of(Filter.parse(expression));
        } catch (FilterSyntaxException e) {
            throw usage(e.getMessage());
        }
        if (!result.unknownColumns().isEmpty()) {
            throw usage("filter: unknown column '" + result.unknownColumns().get(0) + "' (-H lists the columns)");
        }
        return result.filter().orElseThrow();
    }

    /** The width to cut text to: a terminal's, unless -u; in a pipe or file nothing is ever cut. */
    private static OptionalInt cutTo(Choices choices, Terminal terminal) {
        return choices.noTruncate() || !terminal.isTerminal() ? OptionalInt.empty() : terminal.columns();
    }
}
