package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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

    @Test
    void helpersJoinOnlyOnceTheGateOpensAndEveryItemIsStillReadOnce() {
        Thread caller = Thread.currentThread();
        AtomicBoolean gate = new AtomicBoolean();
        ConcurrentHashMap<Integer, Thread> readBy = new ConcurrentHashMap<>();
        AtomicInteger readBeforeOpening = new AtomicInteger();

        List<Integer> kept = ParallelReads.map(10_000, i -> {
            if (!gate.get()) {
                readBeforeOpening.incrementAndGet();
                assertThat(Thread.currentThread()).as("before the gate opens").isSameAs(caller);
            }
            assertThat(readBy.put(i, Thread.currentThread())).as("item %d read twice", i).isNull();
            if (i == 999) {
                gate.set(true);
            }
            return i;
        }, gate::get);

        assertThat(kept).hasSize(10_000).isSorted();
        assertThat(readBeforeOpening).as("the caller read alone up to item 999").hasValueGreaterThanOrEqualTo(1000);
    }

    @Test
    void aGateThatNeverOpensLeavesEveryItemToTheCaller() {
        Thread caller = Thread.currentThread();
        ConcurrentHashMap<Thread, AtomicInteger> readers = new ConcurrentHashMap<>();

        List<Integer> kept = ParallelReads.map(5_000, i -> {
            readers.computeIfAbsent(Thread.currentThread(), t -> new AtomicInteger()).incrementAndGet();
            return i;
        }, () -> false);

        assertThat(kept).hasSize(5_000);
        assertThat(readers).containsOnlyKeys(caller);
    }
}
