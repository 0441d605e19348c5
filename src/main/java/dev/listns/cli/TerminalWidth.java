package dev.listns.cli;

import dev.listns.files.PathStatus;
import dev.listns.files.TrustedDirectory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks {@code stty size} how wide the terminal is; the JDK has no way of its own but {@code COLUMNS}.
 *
 * <p>listns runs as root, also under {@code su} without {@code -}, where PATH is the calling user's:
 * so stty is never looked up on PATH, only taken from the system's directories, and only if no user
 * but root can have put it there or changed it. It gets a deadline it cannot outlast: a stty that hangs
 * (a terminal that never answers) is killed, and the table falls back to 80 columns.
 */
final class TerminalWidth {
    static final int FALLBACK_COLUMNS = 80;
    private static final List<Path> STTY = List.of(Path.of("/usr/bin/stty"), Path.of("/bin/stty"));
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<String> command;
    private final File input;
    private final Duration timeout;

    /**
     * @param command the program and its arguments, e.g. {@code /usr/bin/stty size}
     * @param input   its stdin: the terminal to ask about
     */
    TerminalWidth(List<String> command, File input, Duration timeout) {
        this.command = List.copyOf(command);
        this.input = input;
        this.timeout = timeout;
    }

    /** The system's stty asked about the controlling terminal, or empty if there is no stty to trust. */
    static Optional<TerminalWidth> system() {
        return trusted(STTY).map(stty -> new TerminalWidth(List.of(stty.toString(), "size"), new File("/dev/tty"), TIMEOUT));
    }

    /** The program and its arguments. */
    List<String> command() {
        return command;
    }

    /** The first candidate that is a regular file of root's, writable by nobody else, in a trusted directory. */
    static Optional<Path> trusted(List<Path> candidates) {
        for (Path candidate : candidates) {
            try {
                Path located = TrustedDirectory.resolve(candidate.getParent()).resolve(candidate.getFileName());
                Optional<PathStatus> status = PathStatus.of(located);
                if (status.isPresent() && status.get().isRegularFile() && status.get().uid() == 0
                        && !status.get().isWritableByOthers()) {
                    return Optional.of(located);
                }
            } catch (IOException | RuntimeException e) {
                // not this one
            }
        }
        return Optional.empty();
    }

    /** The terminal's width, or {@value #FALLBACK_COLUMNS} if the program fails, says something else or runs out of time. */
    int columns() {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(input)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) {
            return FALLBACK_COLUMNS; // no controlling terminal, or the program cannot run
        }
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return FALLBACK_COLUMNS;
            }
            // Read only after it exited: a few bytes, which fit in the pipe, so the wait above never
            // waits on us, and the stream ends because the writer is gone.
            String answer = new String(process.getInputStream().readNBytes(64), StandardCharsets.US_ASCII).trim();
            if (process.exitValue() == 0 && answer.matches("[0-9]{1,5} [0-9]{1,4}")) {
                int columns = Integer.parseInt(answer.split(" ")[1]);
                return columns > 0 ? columns : FALLBACK_COLUMNS;
            }
        } catch (IOException e) {
            // nothing readable: use the classic width
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
            closeQuietly(process);
        }
        return FALLBACK_COLUMNS;
    }

    private static void closeQuietly(Process process) {
        try {
            process.getInputStream().close();
        } catch (IOException e) {
            // nothing left to read anyway
        }
    }
}
