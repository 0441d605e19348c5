package dev.listns.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs real programs for tests: with stdin from /dev/null, stdout and stderr in files (so nothing ever
 * blocks on a full pipe), and a deadline that works because nothing waits on the output before the
 * process ends. A program still running at its deadline is killed with its descendants and fails the
 * test with what it had said.
 */
public final class Commands {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Commands() {
    }

    /** A finished command. */
    public record Exec(int exitCode, String stdout, String stderr) {
        public List<String> stdoutLines() {
            return lines(stdout);
        }

        public List<String> stderrLines() {
            return lines(stderr);
        }

        /** Fails the test, showing what the command said, unless it exited 0. */
        public Exec assertSuccess() {
            if (exitCode != 0) {
                fail("command failed: " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + abbreviate(stdout) + "\n--- stderr:\n" + abbreviate(stderr);
        }
    }

    /** Runs {@code command} to completion within {@link #DEFAULT_TIMEOUT}. */
    public static Exec run(String... command) throws IOException, InterruptedException {
        return run(DEFAULT_TIMEOUT, command);
    }

    public static Exec run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, List.of(command), null, environment -> { });
    }

    public static Exec run(Duration timeout, List<String> command, Path directory) throws IOException, InterruptedException {
        return run(timeout, command, directory, environment -> { });
    }

    /**
     * @param directory   the working directory, or null for this JVM's
     * @param environment adjusts the child's environment first (e.g. its locale)
     */
    public static Exec run(Duration timeout, List<String> command, Path directory, Consumer<Map<String, String>> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("listns-test-out-", ".txt");
        Path err = Files.createTempFile("listns-test-err-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            environment.accept(builder.environment());
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(process.toHandle());
                    throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + command
                            + "\n--- stdout:\n" + abbreviate(readQuietly(out)) + "\n--- stderr:\n" + abbreviate(readQuietly(err)));
                }
            } finally {
                if (process.isAlive()) {
                    kill(process.toHandle());
                }
            }
            return new Exec(process.exitValue(), readQuietly(out), readQuietly(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Kills a process and every descendant, by PID. The descendants are listed before anything is
     * killed, since they stop being descendants once their parent is gone. ProcessHandle checks the
     * start time, so a recycled PID is never hit.
     */
    public static void kill(ProcessHandle process) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle handle : all) {
            while (isRunning(handle) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (isRunning(handle)) {
                throw new IllegalStateException("process " + handle.pid() + " survived SIGKILL for 10 s");
            }
        }
    }

    /** Alive and not a zombie: a killed process whose parent has not reaped it yet is gone for our purposes. */
    private static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a program is on PATH (or an executable path). */
    public static boolean onPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        return Arrays.stream(path.split(":")).anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    public static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The lines of a text; a final newline does not start another (empty) line. */
    public static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }

    public static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public static String abbreviate(String text) {
        int max = 4000;
        return text.length() <= max ? text : text.substring(0, max) + "\n... (" + (text.length() - max) + " more chars)";
    }
}
