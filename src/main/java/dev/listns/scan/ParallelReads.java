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
 */
final class ParallelReads {
    private static final int CHUNK = 16;

    private ParallelReads() {
    }

    /** {@code reader} applied to every index below {@code count}, results in index order, nulls left out. */
    static <T> List<T> map(int count, IntFunction<T> reader) {
        Object[] results = new Object[count];
        Chunks<T> work = new Chunks<>(count, reader, results);
        List<Thread> helpers = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 1; i < cores && count > CHUNK * i; i++) {
            Thread helper = new Thread(work, "listns-read-" + i);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        work.run();
        joinAll(helpers);
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
            try {
                for (int from = next.getAndAdd(CHUNK); from < count && failure.get() == null; from = next.getAndAdd(CHUNK)) {
                    int to = Math.min(from + CHUNK, count);
                    for (int i = from; i < to; i++) {
                        results[i] = reader.apply(i);
                    }
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
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
