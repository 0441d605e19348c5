package dev.listns.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * What listns knows about where its stdout goes. Only a terminal gets cut lines and box-drawing
 * characters; a pipe or file always gets everything, in plain ASCII structure.
 */
public record Terminal(boolean isTerminal, OptionalInt columns) {
    private static final int FALLBACK_COLUMNS = 80;

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
        if (!target.startsWith("/dev/pts/") && !target.matches("/dev/tty[0-9]*")) {
            return notATerminal();
        }
        return new Terminal(true, OptionalInt.of(queryColumns()));
    }

    private static int queryColumns() {
        String fromEnvironment = System.getenv("COLUMNS");
        if (fromEnvironment != null && fromEnvironment.matches("[0-9]{1,4}")) {
            return Integer.parseInt(fromEnvironment);
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (stty.waitFor(2, TimeUnit.SECONDS) && answer.matches("[0-9]+ [0-9]+")) {
                return Integer.parseInt(answer.split(" ")[1]);
            }
        } catch (IOException | RuntimeException e) {
            // no stty or no controlling terminal: use the classic width
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FALLBACK_COLUMNS;
    }
}
