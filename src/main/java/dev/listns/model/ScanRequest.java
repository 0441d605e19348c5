package dev.listns.model;

/**
 * What a scan must read beyond what every output needs, decided by the output before the scan ends.
 *
 * @param initialCommands read the command lines of processes that are in nothing but the initial
 *                        namespaces. Only rows of the initial namespaces show them, and a crowded host
 *                        has thousands: reading every argv would be a tenth of the scan. Without it
 *                        such a process's {@link ProcessInfo#command()} is empty.
 * @param uids            read the UID of the processes the output shows (the UID and USER columns).
 *                        Without it {@link ProcessInfo#uid()} is {@link ProcessInfo#UNKNOWN_UID}: one
 *                        more stat per process is not worth making for output that never shows it.
 */
public record ScanRequest(boolean initialCommands, boolean uids) {
    /** For output that shows only namespaces other than the initial ones. */
    public static final ScanRequest CHANGED_NAMESPACES = new ScanRequest(false, false);
    /** For output that may show any namespace. */
    public static final ScanRequest EVERY_NAMESPACE = new ScanRequest(true, false);

    /** The same request, with the UIDs of the processes shown. */
    public ScanRequest withUids() {
        return new ScanRequest(initialCommands, true);
    }
}
