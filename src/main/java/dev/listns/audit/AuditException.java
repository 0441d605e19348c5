package dev.listns.audit;

/**
 * Audit cannot do its job (state file unusable, ignore file malformed, another run holds the lock):
 * the message is one line, fit to print after {@code listns: audit: }, and the state is untouched.
 */
public final class AuditException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
