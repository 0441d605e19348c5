package dev.listns.cli;

/** An option's value that its {@link ValueConverter} cannot read; the message says why, in one line. */
final class InvalidValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidValueException(String message) {
        super(message, null, false, false);
    }
}
