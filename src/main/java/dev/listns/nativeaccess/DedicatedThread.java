package dev.listns.nativeaccess;

import java.time.Duration;

/**
 * Runs a job on a platform thread of its own and waits for it a bounded time. For work that must not
 * share the thread it runs on with anything else (a thread that unshares and enters a namespace), and
 * that may be held up by something another user controls (a FUSE filesystem that never answers): the
 * caller goes on after the time-out and the thread, a daemon, is left to finish or to die with the JVM.
 */
public final class DedicatedThread {
    private DedicatedThread() {
    }

    /**
     * @return whether {@code job} finished within {@code timeout}; when it did, what it wrote is visible
     *         to the caller (Thread.join's happens-before)
     */
    public static boolean runWithin(String name, Runnable job, Duration timeout) throws InterruptedException {
        Thread thread = new Thread(job, name);
        thread.setDaemon(true);
        thread.start();
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }
}
