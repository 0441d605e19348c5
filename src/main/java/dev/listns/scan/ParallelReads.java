package dev.listns.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Reads many processes on every core. Work is handed out in small chunks, one at a time, rather than
 * split in halves up front as a parallel stream does: a few processes with hundreds of threads each
 * cost as much as thousands of others, and wherever they fall in PID order, the other cores keep
 * taking work instead of waiting for the one that drew them.
 *
 * <p>The helper threads are started for each call and end with it, instead of borrowing the JVM-wide
 * fork-join pool: a scan makes two or three such calls, a thread starts in tens of microseconds, and
 * nothing of the scan then depends on what else uses that shared pool. A list shorter than two chunks
 * is read on the caller's thread alone.
 *
 * <p>A {@link Gate} holds the helpers back until it opens: the walk of a cold JDK 22+ leaves the second
 * core to the linking of native calls, which is what it waits for in the end.
 */
final class ParallelReads {
    private static final int CHUNK = 16;

    private ParallelReads() {
    }

    /** When helper threads may join the caller's: asked between chunks until it says yes. */
    interface Gate {
        Gate OPEN = new Open();

        boolean open();
    }

    /** A class, not a lambda: see NativeAccess.loader. */
    private static final class Open implements Gate {
        @Override
        public boolean open() {
            return true;
        }
    }

    /** {@code reader} applied to every index below {@code count}, results in index order, nulls left out. */
    static <T> List<T> map(int count, IntFunction<T> reader) {
        return map(count, reader, Gate.OPEN);
    }

    /** As {@link #map(int, IntFunction)}, with the helpers started only once {@code helpers} is open. */
    static <T> List<T> map(int count, IntFunction<T> reader, Gate helpers) {
        Object[] results = new Object[count];
        Chunks<T> work = new Chunks<>(count, reader, results);
        List<Thread> started = new ArrayList<>();
        while (!helpers.open() && work.runOne()) {
            // the caller alone, a chunk at a time
        }
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 1; i < cores && work.remaining() > CHUNK * i; i++) {
            Thread helper = new Thread(work, "listns-read-" + i);
            helper.setDaemon(true);
            helper.start();
            started.add(helper);
        }
        work.run();
        joinAll(started);
        Throwable failed = work.failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        List<T> kept = new ArrayList<>(count);
        for (Object result : results) {
            if (result != null) {
                @SuppressWarnings("unchecked") // only reader's results are stored
                T typed = (T) result;
                kept.add(typed);
            }
        }
        return kept;
    }

    /** Hands out chunks of indexes to whichever thread asks next (a class, not a lambda: see NativeAccess.loader). */
    private static final class Chunks<T> implements Runnable {
        private final int count;
        private final IntFunction<T> reader;
        private final Object[] results;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Chunks(int count, IntFunction<T> reader, Object[] results) {
            this.count = count;
            this.reader = reader;
            this.results = results;
        }

        @Override
        public void run() {
            while (runOne()) {
                // until no chunk is left, or one failed
            }
        }

        /** Reads the next chunk, if there is one and none has failed; says whether it did. */
        boolean runOne() {
            int from = next.getAndAdd(CHUNK);
            if (from >= count || failure.get() != null) {
                return false;
            }
            try {
                int to = Math.min(from + CHUNK, count);
                for (int i = from; i < to; i++) {
                    results[i] = reader.apply(i);
                }
                return true;
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                return false;
            }
        }

        /** How many indexes no thread has taken yet. */
        int remaining() {
            return Math.max(0, count - next.get());
        }
    }

    /** Waits for every helper, even when interrupted: their results are about to be read. */
    private static void joinAll(List<Thread> helpers) {
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (helper.isAlive()) {
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
