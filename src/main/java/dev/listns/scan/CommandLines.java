package dev.listns.scan;

import dev.listns.model.CommandLine;

/**
 * Reads a process's command line as rows show it: argv joined by spaces, or {@code [comm]} when it has
 * none (kernel threads, zombies). The walk reads it at once for a process outside the initial
 * namespaces, which the default listing shows; for any other it is read only if a row asks for it.
 */
final class CommandLines {
    private CommandLines() {
    }

    static CommandLine now(ProcessDirectory dir, String comm) {
        return CommandLine.of(text(dir, comm));
    }

    /**
     * Read when first asked for, from a fresh lookup of the process. Its start time must still be the one
     * the walk saw, or the PID now names another process, whose argv must not be told as this one's.
     */
    static CommandLine later(ProcFs proc, int pid, ProcStat seen) {
        return CommandLine.deferred(() -> {
            try (ProcessDirectory dir = proc.process(pid)) {
                String text = text(dir, seen.comm());
                boolean same = dir.readText("stat").flatMap(ProcStat::parse)
                        .filter(now -> now.startTime() == seen.startTime()).isPresent();
                return same ? text : bracketed(seen.comm());
            }
        });
    }

    private static String text(ProcessDirectory dir, String comm) {
        String joined = dir.read("cmdline").map(CommandLines::joinArguments).orElse("");
        return joined.isEmpty() ? bracketed(comm) : joined;
    }

    private static String bracketed(String comm) {
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
