package dev.listns.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs listns with the given streams and arguments and answers the exit code. Only {@link Main}
 * exits the JVM, so tests call this directly and check what went to which stream.
 */
public final class Listns {
    private final Environment environment;

    public Listns(Environment environment) {
        this.environment = environment;
    }

    public int run(String... args) {
        PrintWriter out = environment.out();
        PrintWriter err = environment.err();
        ListnsCommand command = new ListnsCommand(environment);
        // The subcommands are in the spec already: the settings below reach only those present when they are made.
        CommandLine commandLine = new CommandLine(command.spec())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, arguments) -> {
                    err.println("listns: " + oneLine(e.getMessage()) + " (see '"
                            + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
                    return ExitCodes.USAGE;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    err.println("listns: " + oneLine(String.valueOf(e.getMessage())) + " (" + e.getClass().getSimpleName() + ")");
                    if (command.debug()) {
                        e.printStackTrace(err);
                    }
                    // For audit, 1 means "changed": a failed scan must not look like a change to cron.
                    return cmd.getCommand() instanceof AuditCommand ? ExitCodes.AUDIT_ERROR : ExitCodes.FAILURE_OR_CHANGED;
                });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
