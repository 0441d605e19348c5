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
        return "stat, namespace links, command line and cgroup " + process.sum() / 1_000_000 + " ms; fd tables "
                + fds.sum() / 1_000_000 + " ms; threads " + threads.sum() / 1_000_000 + " ms";
    }
}
