package dev.listns.nativeaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The time-out that keeps a thread held up inside another mount namespace from holding up listns. */
class DedicatedThreadTest {

    @Test
    void aJobThatHangsIsGivenUpAfterTheTimeOut() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Thread> hanging = new AtomicReference<>();
        long started = System.nanoTime();

        boolean finished = DedicatedThread.runWithin("test-hang", () -> {
            hanging.set(Thread.currentThread());
            try {
                never.await(); // stands for a lookup on a FUSE filesystem that never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(200));

        assertThat(finished).isFalse();
        // Generous: only that the caller did not wait for the job, never how fast it went on.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(hanging.get().isDaemon()).as("cannot keep the JVM from exiting").isTrue();
        never.countDown();
        hanging.get().join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void aJobThatFinishesIsWaitedForAndWhatItWroteIsSeen() throws Exception {
        int[] result = new int[1];

        boolean finished = DedicatedThread.runWithin("test-quick", () -> result[0] = 42, Duration.ofSeconds(30));

        assertThat(finished).isTrue();
        assertThat(result[0]).isEqualTo(42);
    }

    @Test
    void theJobRunsOnAThreadOfItsOwn() throws Exception {
        AtomicReference<Thread> ran = new AtomicReference<>();

        DedicatedThread.runWithin("test-own", () -> ran.set(Thread.currentThread()), Duration.ofSeconds(30));

        assertThat(ran.get()).isNotSameAs(Thread.currentThread());
        assertThat(ran.get().getName()).isEqualTo("test-own");
    }
}
