package dev.listns.model;

/**
 * What a scan must read beyond what every output needs, decided by the output before the scan ends.
 *
 * @param initialCommands read the command lines of processes that are in nothing but the initial
 *                        namespaces. Only rows of the initial namespaces show them, and a crowded host
 *                        has thousands: reading every argv would be a tenth of the scan. Without it
 *                        such a process's {@link ProcessInfo#command()} is empty.
 */
public record ScanRequest(boolean initialCommands) {
    /** For output that shows only namespaces other than the initial ones. */
    public static final ScanRequest CHANGED_NAMESPACES = new ScanRequest(false);
    /** For output that may show any namespace. */
    public static final ScanRequest EVERY_NAMESPACE = new ScanRequest(true);
}
