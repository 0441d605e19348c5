package dev.listns.cli;

/**
 * A command line that parsed but asks for something that cannot be done: options that do not go
 * together, a -Q expression that cannot be read. Reported as picocli's usage errors are, by
 * {@link ErrorReport#usage}, whichever parser read the command line.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
