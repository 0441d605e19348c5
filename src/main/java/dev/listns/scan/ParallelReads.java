package dev.listns.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Reads many processes on every core. Work is handed out in small chunks, one at a time, rather than
 * split in halves up front as a parallel stream does: a few processes with hundreds of threads each
 * cost as much as thousands of others, and wherever they fall in PID order, the other cores keep
 * taking work instead of waiting for the one that drew them.
 */
final class ParallelReads {
    private static final int CHUNK = 16;

    private ParallelReads() {
    }

    /** {@code reader} applied to every index below {@code count}, results in index order, nulls left out. */
    static <T> List<T> map(int count, IntFunction<T> reader) {
        Object[] results = new Object[count];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int from = next.getAndAdd(CHUNK); from < count; from = next.getAndAdd(CHUNK)) {
                int to = Math.min(from + CHUNK, count);
                for (int i = from; i < to; i++) {
                    results[i] = reader.apply(i);
                }
            }
        };
        List<ForkJoinTask<?>> helpers = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 1; i < cores && count > CHUNK * i; i++) {
            helpers.add(ForkJoinPool.commonPool().submit(work));
        }
        try {
            work.run();
        } finally {
            helpers.forEach(ForkJoinTask::join);
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
}
