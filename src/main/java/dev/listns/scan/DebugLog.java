package dev.listns.scan;

import org.slf4j.LoggerFactory;

/**
 * Debug logging that starts SLF4J only when debug messages are wanted: {@code Main} sets slf4j-simple's
 * level from {@code --debug} before any scan, and starting SLF4J costs 10 to 20 ms that would otherwise
 * land at the end of every scan.
 */
final class DebugLog {
    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private final Class<?> owner;

    DebugLog(Class<?> owner) {
        this.owner = owner;
    }

    /** As SLF4J's {@code debug}: {} placeholders, a trailing exception is logged with its stack trace. */
    void debug(String format, Object... arguments) {
        String level = System.getProperty(LEVEL, "");
        if (level.equalsIgnoreCase("debug") || level.equalsIgnoreCase("trace")) {
            LoggerFactory.getLogger(owner).debug(format, arguments);
        }
    }
}
