package dev.listns.scan;

import dev.listns.model.ProcessInfo;

import java.util.Map;

/**
 * A process as read in the single walk over /proc.
 *
 * @param threads the thread count from /proc/PID/stat
 * @param files the descriptors that matter to namespaces, in its own table and its threads' private ones
 * @param strayThreads the threads (by TID, ascending) whose links differ from the process's: in a namespace
 *        the process is not in, or with a {@code *_for_children} link of their own
 */
public record ProcessEntry(ProcessInfo info, NamespaceLinks links, int threads, OpenFiles.ProcessFiles files,
        Map<Integer, NamespaceLinks> strayThreads) {
    public int pid() {
        return info.pid();
    }
}
