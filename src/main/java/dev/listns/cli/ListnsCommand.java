package dev.listns.cli;

import dev.listns.model.NamespaceFilter;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.output.AtomicFile;
import dev.listns.output.Formatter;
import dev.listns.output.IoErrors;
import dev.listns.output.OutputFormat;
import dev.listns.output.JsonFormatter;
import dev.listns.output.JsonlFormatter;
import dev.listns.output.PrometheusFormatter;
import dev.listns.output.TableFormatter;
import dev.listns.output.TreeFormatter;
import dev.listns.scan.ScanFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/** The listing: options in, scanner and formatter wired, exit code out. */
@Command(name = "listns", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = AuditCommand.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Lists the Linux namespaces of this host that differ from the initial ones, "
                + "and what keeps each one alive.", "",
            "Rows: PID is the member process or thread; '--' marks a holder that is not a member "
                + "(a bind mount, an open fd, a socket, a child namespace). '**' marks a member of a "
                + "network namespace named with 'ip netns'.", ""},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (also when no non-initial namespace exists)",
            "1:the scan failed; for 'audit': something changed",
            "2:usage error (unknown option, bad value)",
            "3:'audit' only: error (state or ignore file unusable, another audit running, scan failed)"},
        footerHeading = "%nExamples:%n",
        // Kept under 80 columns: picocli wraps a longer footer line mid-phrase. The man page generator
        // reads "  command   explanation" lines as examples; deeper-indented lines continue the explanation.
        footer = {
            "  sudo listns                     quick look at every non-initial namespace",
            "  sudo listns | grep 4026532281   everything that holds one namespace",
            "  sudo listns -t net -t mnt       only network and mount namespaces",
            "  sudo listns -T owner            namespaces under their owning user namespace",
            "  sudo listns -J | jq -r '.namespaces[] | select(.type==\"net\") | .id'",
            "                                  JSON to jq: the ids of the network namespaces",
            "  listns audit --state /var/lib/listns/audit.state",
            "                                  from root's crontab: report what changed since",
            "                                  the last run, and exit 1 if anything did"})
public final class ListnsCommand implements Callable<Integer> {
    private final Environment environment;

    @Option(names = {"-t", "--type"}, split = ",", paramLabel = "TYPE", converter = NamespaceTypeConverter.class,
            completionCandidates = Candidates.Types.class,
            description = "Only namespaces of this type (repeatable or comma list): ${COMPLETION-CANDIDATES}.")
    List<NamespaceType> types = new ArrayList<>();

    @Option(names = {"-p", "--pid"}, paramLabel = "PID", converter = PidConverter.class,
            description = "Only namespaces this process is in or holds (with every holder of them).")
    Integer pid;

    @Option(names = {"-a", "--all"}, description = "Include the initial namespaces.")
    boolean all;

    @Option(names = {"-n", "--no-headings"}, description = "Do not print the table heading.")
    boolean noHeadings;

    @Option(names = {"-J", "--json"}, description = "Print JSON (schema version 1, see the README); short for --format json.")
    boolean json;

    @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = Candidates.Formats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table). jsonl: one JSON object per "
                    + "namespace per line. prometheus: node_exporter textfile metrics; they always count every "
                    + "namespace, so -t, -p and -a do not apply.")
    OutputFormat format = OutputFormat.TABLE;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE instead of stdout, atomically (temporary file, fsync, rename), e.g. for "
                    + "node_exporter's textfile collector.")
    Path output;

    @Option(names = {"-T", "--tree"}, paramLabel = "RELATION", completionCandidates = Candidates.Relations.class,
            description = "Draw a tree instead of the table: 'owner' (namespaces under their owning user namespace) "
                    + "or 'parent' (user and PID namespace trees). Trees show every namespace, initial and hidden ones included.")
    TreeFormatter.Relation tree;

    @Option(names = {"-w", "--wide"}, description = "Never cut commands, even on a terminal.")
    boolean wide;

    @Option(names = {"-v", "--verbose"}, description = "Say on stderr which baseline was used and where the time went.")
    boolean verbose;

    @Option(names = "--debug", description = "Show stack traces and debug logging on stderr.")
    boolean debug;

    @Mixin
    ScanTarget target = new ScanTarget();

    public ListnsCommand(Environment environment) {
        this.environment = environment;
    }

    boolean debug() {
        return debug;
    }

    @Override
    public Integer call() {
        ScanResult result;
        try {
            result = target.scanner(environment.scanners()).scan();
        } catch (ScanFailedException e) {
            environment.err().println("listns: " + e.getMessage());
            return ExitCodes.FAILURE_OR_CHANGED;
        }
        Diagnostics.report(result, verbose, environment.err());
        NamespaceFilter filter = filter();
        if (pid != null && filter.pid().isPresent() && result.namespaces().stream().noneMatch(NamespaceFilter.heldByPid(pid)::test)) {
            // The model knows processes only through what they hold: one whose links are all denied holds nothing.
            environment.err().println("listns: no process with PID " + pid + ", or none whose namespaces can be read");
            return ExitCodes.FAILURE_OR_CHANGED;
        }
        return write(formatter(), filter.apply(result));
    }

    /**
     * A tree needs every namespace to connect its branches; metrics must not depend on the options of
     * whoever wrote them, or two hosts' series would not compare. Everything else shows what was asked.
     */
    private NamespaceFilter filter() {
        boolean metrics = tree == null && !json && format == OutputFormat.PROMETHEUS;
        if (tree != null || metrics) {
            return NamespaceFilter.everything();
        }
        return new NamespaceFilter(types.isEmpty() ? EnumSet.noneOf(NamespaceType.class) : EnumSet.copyOf(types),
                pid == null ? OptionalInt.empty() : OptionalInt.of(pid), all);
    }

    private int write(Formatter formatter, ScanResult result) {
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

    private Formatter formatter() {
        if (tree != null) {
            return new TreeFormatter(tree, environment.terminal().isTerminal());
        }
        if (json || format == OutputFormat.JSON) {
            return new JsonFormatter("listns " + VersionProvider.version());
        }
        if (format == OutputFormat.JSONL) {
            return new JsonlFormatter();
        }
        if (format == OutputFormat.PROMETHEUS) {
            return new PrometheusFormatter(VersionProvider.version());
        }
        Terminal terminal = environment.terminal();
        return new TableFormatter(!noHeadings, wide || !terminal.isTerminal() ? OptionalInt.empty() : terminal.columns());
    }
}
