package dev.listns.scan;

import java.util.Optional;

/** The fields listns needs from /proc/PID/stat. The command name may hold spaces and parentheses. */
record ProcStat(String comm, int ppid, int threads, long startTime) {
    private static final int PPID_FIELD = 1;
    private static final int THREADS_FIELD = 17;
    private static final int START_TIME_FIELD = 19;

    static Optional<ProcStat> parse(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String[] fields = text.substring(close + 1).trim().split(" ");
        if (fields.length <= START_TIME_FIELD) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(text.substring(open + 1, close),
                    Integer.parseInt(fields[PPID_FIELD]), Integer.parseInt(fields[THREADS_FIELD]),
                    Long.parseLong(fields[START_TIME_FIELD])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
