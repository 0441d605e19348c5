package dev.listns.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * Runs listns with the given streams and arguments and answers the exit code. Only {@link Main}
 * exits the JVM, so tests call this directly and check what went to which stream.
 *
 * <p>A usual command line is read by {@link ArgumentParser} and never loads picocli, whose model and
 * built-in converters took about a third of a plain run on a small host; so is a cron job's
 * {@code listns audit --state FILE}; so is {@code --version} alone. Whatever that parser leaves (help,
 * version with other options, usage errors) is read by picocli ({@link ListnsCommandLine}), as before.
 */
public final class Listns {
    private final Environment environment;

    public Listns(Environment environment) {
        this.environment = environment;
    }

    public int run(String... args) {
        int code = fast(args);
        if (code == LEFT_TO_PICOCLI) {
            code = ListnsCommandLine.execute(environment, args);
        }
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /** What {@link #fast} answers for a command line it does not read itself. */
    private static final int LEFT_TO_PICOCLI = -1;

    /**
     * The listing, or the audit a cron job runs, when listns's own parser reads the command line; and
     * {@code --version} or {@code -V} alone, which scripts ask before anything else, printed as picocli
     * prints it (a test compares the two) but without loading it, which cost that answer more than half
     * of its time.
     */
    private int fast(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            for (String line : VersionProvider.versionLines()) {
                environment.out().println(line);
            }
            return ExitCodes.OK;
        }
        if (args.length > 0 && args[0].equals(AuditOptions.NAME)) {
            Optional<ParsedArguments> parsed = AuditOptions.parser().parse(Arrays.copyOfRange(args, 1, args.length));
            // Without --state, picocli words the missing option.
            return parsed.isPresent() && parsed.get().given(AuditOptions.STATE) ? audit(AuditChoices.read(parsed.get()))
                    : LEFT_TO_PICOCLI;
        }
        Optional<ParsedArguments> parsed = ListnsOptions.parser().parse(args);
        return parsed.isPresent() ? list(Choices.read(parsed.get())) : LEFT_TO_PICOCLI;
    }

    /** The audit, its failures reported as the picocli path reports them, with the audit's error code. */
    private int audit(AuditChoices choices) {
        try {
            return new AuditCommand(environment, choices).call();
        } catch (RuntimeException e) {
            ErrorReport.failure(environment.err(), e, false);
            // For audit, 1 means "changed": a failed scan must not look like a change to cron.
            return ExitCodes.AUDIT_ERROR;
        }
    }

    /** The listing, its errors reported as the picocli path reports them ({@link ListnsCommandLine#commandLine}). */
    private int list(Choices choices) {
        try {
            return new ListnsCommand(environment, choices).call();
        } catch (UsageException e) {
            return ErrorReport.usage(environment.err(), "listns", e.getMessage());
        } catch (RuntimeException e) {
            ErrorReport.failure(environment.err(), e, choices.debug());
            return ExitCodes.FAILURE_OR_CHANGED;
        }
    }
}
