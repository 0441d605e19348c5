package dev.listns.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * What listns knows about where its stdout goes. Only a terminal gets cut lines and box-drawing
 * characters; a pipe or file always gets everything, in plain ASCII structure.
 */
public record Terminal(boolean isTerminal, OptionalInt columns) {
    public static Terminal notATerminal() {
        return new Terminal(false, OptionalInt.empty());
    }

    /** Detects whether fd 1 is a terminal by what it links to; System.console() cannot tell on every JDK. */
    public static Terminal detect() {
        String target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
        } catch (IOException | RuntimeException e) {
            return notATerminal();
        }
        if (!target.startsWith("/dev/pts/") && !isTty(target)) {
            return notATerminal();
        }
        return new Terminal(true, OptionalInt.of(queryColumns()));
    }

    /** {@code /dev/tty} and a number or none; by hand, since a regex is compiled anew on every run. */
    private static boolean isTty(String target) {
        if (!target.startsWith("/dev/tty")) {
            return false;
        }
        for (int i = "/dev/tty".length(); i < target.length(); i++) {
            if (target.charAt(i) < '0' || target.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code COLUMNS} if the shell exported it, else what the system's stty says (see {@link TerminalWidth}). */
    private static int queryColumns() {
        String fromEnvironment = System.getenv("COLUMNS");
        if (fromEnvironment != null && fromEnvironment.matches("[0-9]{1,4}")) {
            return Integer.parseInt(fromEnvironment);
        }
        return TerminalWidth.system().map(TerminalWidth::columns).orElse(TerminalWidth.FALLBACK_COLUMNS);
    }
}
