package dev.listns.scan;

import java.util.Optional;

/** The fields listns needs from /proc/PID/stat. The command name may hold spaces and parentheses. */
record ProcStat(String comm, int ppid, int threads, long startTime) {
    // Counted from the field after the command name (the state), as proc(5) numbers them minus 3.
    private static final int PPID_FIELD = 1;
    private static final int THREADS_FIELD = 17;
    private static final int START_TIME_FIELD = 19;

    /**
     * Whether the process in {@code dir}, read after it was read once, is still the one that started at
     * {@code startTime}: a PID reused meanwhile names another process, whose facts are not this one's.
     * Read after the facts themselves, so a process that ended and was replaced while they were read fails.
     */
    static boolean startedAt(ProcessDirectory dir, long startTime) {
        ProcStat stat = read(dir);
        return stat != null && stat.startTime() == startTime;
    }

    /** The process's stat, or null when it is gone or unreadable (plain code: it runs for every process). */
    static ProcStat read(ProcessDirectory dir) {
        Optional<byte[]> bytes = dir.read("stat");
        if (bytes.isEmpty()) {
            return null;
        }
        Optional<ProcStat> stat = parse(Utf8.DECODER.decode(bytes.get()));
        return stat.isPresent() ? stat.get() : null;
    }

    static Optional<ProcStat> parse(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        // Only three numbers are needed, so they are cut out where they are rather than splitting all 50 fields.
        long ppid = field(text, close, PPID_FIELD);
        long threads = field(text, close, THREADS_FIELD);
        long startTime = field(text, close, START_TIME_FIELD);
        if (ppid < 0 || ppid > Integer.MAX_VALUE || threads < 0 || threads > Integer.MAX_VALUE || startTime < 0) {
            return Optional.empty();
        }
        return Optional.of(new ProcStat(text.substring(open + 1, close), (int) ppid, (int) threads, startTime));
    }

    /** The decimal field {@code index} after the command name, or -1 when it is missing or not a plain number. */
    private static long field(String text, int close, int index) {
        int at = close + 2; // ") " then the state
        for (int skipped = 0; skipped < index; skipped++) {
            at = text.indexOf(' ', at);
            if (at < 0) {
                return -1;
            }
            at++;
        }
        long value = 0;
        int digits = 0;
        for (; at < text.length() && text.charAt(at) != ' ' && text.charAt(at) != '\n'; at++) {
            char c = text.charAt(at);
            if (c < '0' || c > '9' || ++digits > 18) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return digits == 0 ? -1 : value;
    }
}
