package dev.listns.scan;

import dev.listns.model.ProcessInfo;

/**
 * A process as read in the single walk over /proc.
 *
 * @param threads the thread count from /proc/PID/stat, so single-threaded processes skip the task/ walk
 */
public record ProcessEntry(ProcessInfo info, NamespaceLinks links, int threads) {
    public int pid() {
        return info.pid();
    }
}
