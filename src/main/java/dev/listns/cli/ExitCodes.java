package dev.listns.cli;

/** The exit codes listns documents in --help, the man page and the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Listing: the scan failed. Audit: something changed since the recorded state. */
    public static final int FAILURE_OR_CHANGED = 1;
    public static final int USAGE = 2;
    /**
     * Audit: the state file could not be used (unreadable, corrupt, not ours, unwritable), the ignore
     * file is malformed, another audit holds the lock, or the scan failed.
     */
    public static final int AUDIT_ERROR = 3;

    private ExitCodes() {
    }
}
