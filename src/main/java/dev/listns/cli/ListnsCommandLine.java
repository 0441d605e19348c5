package dev.listns.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * listns's command line as picocli reads it, for what {@link ArgumentParser} leaves to it: help,
 * version and every usage error, the audit subcommand's too; and the model the man page and the shell
 * completions are generated from. The options are {@link ListnsOptions}', the same the fast parser reads.
 */
public final class ListnsCommandLine implements Callable<Integer> {
    private final Environment environment;
    private final CommandSpec spec;
    private final DeclaredOptions options;

    ListnsCommandLine(Environment environment) {
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
        options = DeclaredOptions.addTo(spec, ListnsOptions.OPTIONS).withPositional(spec, ListnsOptions.NAMESPACE);
        CommandSpecs.addStandardHelpOptions(spec);
        spec.addSubcommand(AuditOptions.NAME, new AuditCommandLine(environment).spec());
    }

    /** The command tree listns heads: options, help texts, subcommands. */
    public static CommandSpec spec(Environment environment) {
        return new ListnsCommandLine(environment).spec;
    }

    /** Runs {@code args} as picocli reads them; answers the exit code. */
    static int execute(Environment environment, String... args) {
        return new ListnsCommandLine(environment).commandLine().execute(args);
    }

    /** The command line, set up as it runs: reporting errors in listns's one line. */
    CommandLine commandLine() {
        PrintWriter err = environment.err();
        // The subcommands are in the spec already: the settings below reach only those present when they are made.
        return new CommandLine(spec)
                .setOut(environment.out())
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, arguments) ->
                        ErrorReport.usage(err, e.getCommandLine().getCommandSpec().qualifiedName(), e.getMessage()))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof UsageException) {
                        return ErrorReport.usage(err, cmd.getCommandSpec().qualifiedName(), e.getMessage());
                    }
                    ErrorReport.failure(err, e, options.value(ListnsOptions.DEBUG));
                    // For audit, 1 means "changed": a failed scan must not look like a change to cron.
                    return cmd.getCommand() instanceof AuditCommandLine ? ExitCodes.AUDIT_ERROR : ExitCodes.FAILURE_OR_CHANGED;
                });
    }

    /** What the options picocli parsed last ask for. */
    Choices choices() {
        return Choices.read(options);
    }

    @Override
    public Integer call() {
        return new ListnsCommand(environment, choices()).call();
    }
}
