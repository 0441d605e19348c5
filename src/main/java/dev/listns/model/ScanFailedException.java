package dev.listns.model;

/** The scan could not see the host at all (no procfs there); unlike a vanished process, this is an error. */
public final class ScanFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScanFailedException(String message) {
        super(message);
    }
}
