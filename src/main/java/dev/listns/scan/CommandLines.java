package dev.listns.scan;

import java.util.Optional;

/**
 * Reads a process's command line as rows show it: argv joined by spaces, or {@code [comm]} when it has
 * none (kernel threads, zombies). The walk reads it at once for a process outside the initial
 * namespaces, which the default listing shows; for any other it is read at the end of the scan, only
 * if the output will show it ({@link DeferredReads}).
 */
final class CommandLines {
    private CommandLines() {
    }

    /**
     * Read after the walk, from a fresh lookup of the process. Its start time must still be the one the
     * walk saw, or the PID now names another process, whose argv must not be told as this one's.
     */
    static String later(ProcFs proc, int pid, String comm, long startTime) {
        try (ProcessDirectory dir = proc.process(pid)) {
            String text = now(dir, comm);
            return ProcStat.startedAt(dir, startTime) ? text : bracketed(comm);
        }
    }

    static String now(ProcessDirectory dir, String comm) {
        Optional<byte[]> cmdline = dir.read("cmdline");
        String joined = cmdline.isPresent() ? joinArguments(cmdline.get()) : "";
        return joined.isEmpty() ? bracketed(comm) : joined;
    }

    static String bracketed(String comm) {
        return "[" + comm + "]";
    }

    /** argv is NUL-separated; a newline inside an argument stays in the string, for formatters to escape. */
    static String joinArguments(byte[] cmdline) {
        int end = cmdline.length;
        while (end > 0 && cmdline[end - 1] == 0) {
            end--;
        }
        byte[] joined = new byte[end];
        for (int i = 0; i < end; i++) {
            joined[i] = cmdline[i] == 0 ? (byte) ' ' : cmdline[i];
        }
        return Utf8.DECODER.decode(joined);
    }
}
