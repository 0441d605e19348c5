package dev.listns.scan;

/**
 * One way of finding what keeps namespaces alive. Each reads what it needs through the shared
 * {@link ScanContext} (the single process walk included) and feeds the shared {@link ModelBuilder}.
 */
public interface HolderDiscovery {

    /** A short name for --verbose timings and for benchmarks. */
    String name();

    void discover(ScanContext context, ModelBuilder model);
}
