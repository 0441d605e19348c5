package dev.listns.model;

/**
 * A scanner whose work can start before the output's {@link ScanRequest} is known: reading /proc
 * depends on no option, so it can run while the command line is parsed.
 */
public interface StagedScanner extends Scanner {
    /** Does all the work that needs no request. */
    Stage prepare();

    @Override
    default ScanResult scan(ScanRequest request) {
        return prepare().finish(request);
    }

    /** A scan waiting for its request. */
    @FunctionalInterface
    interface Stage {
        /** Reads what {@code request} adds and freezes the result; called once. */
        ScanResult finish(ScanRequest request);
    }
}
