package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelReadsTest {

    @Test
    void everyItemIsReadOnceAndResultsKeepTheItemsOrderWithoutNulls() {
        int[] pids = IntStream.rangeClosed(1, 10_000).toArray();
        ConcurrentHashMap<Integer, AtomicInteger> reads = new ConcurrentHashMap<>();

        List<Integer> kept = ParallelReads.map(pids.length, i -> {
            int pid = pids[i];
            reads.computeIfAbsent(pid, k -> new AtomicInteger()).incrementAndGet();
            return pid % 3 == 0 ? null : pid;
        });

        assertThat(reads).hasSize(10_000).allSatisfy((pid, count) -> assertThat(count).hasValue(1));
        assertThat(kept).hasSize(10_000 - 3333).isSorted().doesNotContainNull().doesNotContain(3, 9999);
    }

    @Test
    void fewerItemsThanAChunkAndNoneAtAll() {
        int[] pids = {5, 7};
        assertThat(ParallelReads.map(pids.length, i -> "p" + pids[i])).containsExactly("p5", "p7");
        assertThat(ParallelReads.map(0, i -> "p" + i)).isEmpty();
    }

    @Test
    void aReaderThatFailsFailsTheWholeReadWithItsException() {
        assertThatThrownBy(() -> ParallelReads.map(1000, i -> {
            if (i == 777) {
                throw new IllegalStateException("bug at 777");
            }
            return i;
        })).hasMessageContaining("bug at 777");
    }
}
