package dev.listns.scan;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where the walk's time goes, summed over the threads that read: the discoveries that consume what it
 * read (fds, sockets, threads) cost almost nothing themselves, so --verbose shows their share here.
 */
final class WalkCost {
    private final LongAdder process = new LongAdder();
    private final LongAdder fds = new LongAdder();
    private final LongAdder threads = new LongAdder();

    /** stat, namespace links, command line and cgroup. */
    void process(long nanos) {
        process.add(nanos);
    }

    void fds(long nanos) {
        fds.add(nanos);
    }

    void threads(long nanos) {
        threads.add(nanos);
    }

    String describe() {
        return String.format("stat, namespace links, command line and cgroup %d ms; fd tables %d ms; threads %d ms",
                process.sum() / 1_000_000, fds.sum() / 1_000_000, threads.sum() / 1_000_000);
    }
}
