package dev.listns.cli;

import java.util.Optional;

/**
 * Runs listns with the given streams and arguments and answers the exit code. Only {@link Main}
 * exits the JVM, so tests call this directly and check what went to which stream.
 *
 * <p>A usual command line is read by {@link ArgumentParser} and never loads picocli, whose model and
 * built-in converters took about a third of a plain run on a small host; whatever that parser leaves
 * (help, version, audit, usage errors) is read by picocli ({@link ListnsCommandLine}), as before.
 */
public final class Listns {
    private final Environment environment;

    public Listns(Environment environment) {
        this.environment = environment;
    }

    public int run(String... args) {
        Optional<ParsedArguments> parsed = ListnsOptions.parser().parse(args);
        int code = parsed.isPresent() ? list(Choices.read(parsed.get())) : ListnsCommandLine.execute(environment, args);
        environment.out().flush();
        environment.err().flush();
        return code;
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
