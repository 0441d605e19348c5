package dev.listns.debug;

import java.io.PrintWriter;

/**
 * Where {@code --debug} messages go: handed to each part that has something to say, so nothing reads
 * a global switch. Off by default; {@link #to} writes each message as one line on stderr, with the
 * stack trace of its cause.
 */
@FunctionalInterface
public interface DebugLog {
    /** Says nothing. A class of its own, not a lambda: it is used on every run, and a lambda is a class the JVM spins. */
    DebugLog OFF = new DebugLog() {
        @Override
        public void debug(String message, Throwable cause) {
            // off
        }
    };

    /** @param cause an exception to show with its stack trace, or null */
    void debug(String message, Throwable cause);

    default void debug(String message) {
        debug(message, null);
    }

    static DebugLog to(PrintWriter err) {
        return (message, cause) -> {
            synchronized (err) {
                err.println("listns: debug: " + message);
                if (cause != null) {
                    cause.printStackTrace(err);
                }
                err.flush();
            }
        };
    }
}
