package dev.listns.cli;

import dev.listns.model.NamespaceFilter;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanRequest;
import dev.listns.model.ScanResult;
import dev.listns.files.AtomicFile;
import dev.listns.output.Formatter;
import dev.listns.files.IoErrors;
import dev.listns.output.OutputFormat;
import dev.listns.output.JsonFormatter;
import dev.listns.output.JsonlFormatter;
import dev.listns.output.PrometheusFormatter;
import dev.listns.output.TableFormatter;
import dev.listns.output.TreeFormatter;
import dev.listns.model.ScanFailedException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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
    private final TypedOption<Boolean> noHeadings;
    private final TypedOption<Boolean> json;
    private final TypedOption<OutputFormat> format;
    private final TypedOption<Path> output;
    private final TypedOption<TreeFormatter.Relation> tree;
    private final TypedOption<Boolean> wide;
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
                        + "network namespace named with 'ip netns'.", "")
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
                    "  sudo listns -J | jq -r '.namespaces[] | select(.type==\"net\") | .id'",
                    "                                  JSON to jq: the ids of the network namespaces",
                    "  listns audit --state /var/lib/listns/audit.state",
                    "                                  from root's crontab: report what changed since",
                    "                                  the last run, and exit 1 if anything did");
        types = TypedOption.add(spec, OptionSpec.builder("-t", "--type").type(List.class).auxiliaryTypes(NamespaceType.class)
                .splitRegex(",").paramLabel("TYPE").converters(new NamespaceTypeConverter())
                .completionCandidates(new Candidates.Types()).initialValue(new ArrayList<NamespaceType>())
                .description("Only namespaces of this type (repeatable or comma list): ${COMPLETION-CANDIDATES}.").build());
        pid = TypedOption.add(spec, OptionSpec.builder("-p", "--pid").type(Integer.class).paramLabel("PID").converters(new PidConverter())
                .description("Only namespaces this process is in or holds (with every holder of them).").build());
        all = TypedOption.add(spec, CommandSpecs.flag("Include the initial namespaces.", "-a", "--all"));
        noHeadings = TypedOption.add(spec, CommandSpecs.flag("Do not print the table heading.", "-n", "--no-headings"));
        json = TypedOption.add(spec, CommandSpecs.flag("Print JSON (schema version 1, see the README); short for --format json.",
                "-J", "--json"));
        format = TypedOption.add(spec, OptionSpec.builder("--format").type(OutputFormat.class).paramLabel("FORMAT")
                .completionCandidates(new Candidates.Formats()).initialValue(OutputFormat.TABLE)
                .description("Output format: ${COMPLETION-CANDIDATES} (default: table). jsonl: one JSON object per "
                        + "namespace per line. prometheus: node_exporter textfile metrics; they always count every "
                        + "namespace, so -t, -p and -a do not apply.").build());
        output = TypedOption.add(spec, OptionSpec.builder("-o", "--output").type(Path.class).paramLabel("FILE")
                .description("Write to FILE instead of stdout, atomically (temporary file, fsync, rename), e.g. for "
                        + "node_exporter's textfile collector. Its directory and those above it must be root's or yours "
                        + "and not writable by others (sticky ones like /tmp excepted).").build());
        tree = TypedOption.add(spec, OptionSpec.builder("-T", "--tree").type(TreeFormatter.Relation.class).paramLabel("RELATION")
                .completionCandidates(new Candidates.Relations())
                .description("Draw a tree instead of the table: 'owner' (namespaces under their owning user namespace) "
                        + "or 'parent' (user and PID namespace trees). Trees show every namespace, initial and hidden ones included.").build());
        wide = TypedOption.add(spec, CommandSpecs.flag("Never cut commands, even on a terminal.", "-w", "--wide"));
        verbose = TypedOption.add(spec, CommandSpecs.flag("Say on stderr which baseline was used and where the time went.",
                "-v", "--verbose"));
        debug = TypedOption.add(spec, CommandSpecs.flag("Show stack traces and debug logging on stderr.", "--debug"));
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
    private record Choices(List<NamespaceType> types, Integer pid, boolean all, boolean noHeadings, boolean json,
            OutputFormat format, Path output, TreeFormatter.Relation tree, boolean wide, boolean verbose) {
    }

    private Choices choices() {
        return new Choices(types.value(), pid.value(), all.value(), noHeadings.value(), json.value(), format.value(),
                output.value(), tree.value(), wide.value(), verbose.value());
    }

    /**
     * What to write, decided once: the formatter, whether it needs every namespace whatever -t, -p
     * and -a say, and what the scan must read for it.
     */
    private record Output(Formatter formatter, boolean everyNamespace, ScanRequest request) {
        /** Output whose rows may show any holder of the namespaces it needs. */
        static Output showing(Formatter formatter, boolean everyNamespace, boolean initialNamespaces) {
            return new Output(formatter, everyNamespace,
                    initialNamespaces ? ScanRequest.EVERY_NAMESPACE : ScanRequest.CHANGED_NAMESPACES);
        }
    }

    @Override
    public Integer call() {
        Choices choices = choices();
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
        return write(output.formatter(), filter.apply(result), choices.output());
    }

    /** What -t, -p and -a ask for. */
    private static NamespaceFilter filter(Choices choices) {
        List<NamespaceType> types = choices.types();
        return new NamespaceFilter(types.isEmpty() ? EnumSet.noneOf(NamespaceType.class) : EnumSet.copyOf(types),
                choices.pid() == null ? OptionalInt.empty() : OptionalInt.of(choices.pid()), choices.all());
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
        if (choices.tree() != null) {
            return Output.showing(new TreeFormatter(choices.tree(), environment.terminal().isTerminal()), true, true);
        }
        if (choices.json() || choices.format() == OutputFormat.JSON) {
            return Output.showing(new JsonFormatter("listns " + VersionProvider.version()), false, choices.all());
        }
        if (choices.format() == OutputFormat.JSONL) {
            return Output.showing(new JsonlFormatter(), false, choices.all());
        }
        if (choices.format() == OutputFormat.PROMETHEUS) {
            // Counts only: no command line is shown.
            return Output.showing(new PrometheusFormatter(VersionProvider.version()), true, false);
        }
        Terminal terminal = environment.terminal();
        return Output.showing(new TableFormatter(!choices.noHeadings(),
                choices.wide() || !terminal.isTerminal() ? OptionalInt.empty() : terminal.columns()), false, choices.all());
    }
}
