package dev.listns.it;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.listns.cli.Environment;
import dev.listns.cli.Listns;
import dev.listns.cli.Terminal;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.scan.ProcFsScanner;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything an integration test makes on the real host, and how to undo it. Each process started
 * here, each {@code ip netns} name added and each file created is registered at once and torn down by
 * {@link #close()} in reverse order, whatever happened in between: processes are killed by PID together
 * with their descendants (so {@code unshare --fork} children go too), then names and files are removed.
 */
final class Sandbox implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);

    /** Something to undo; may throw, {@link #close()} carries on with the rest. */
    @FunctionalInterface
    interface Undo {
        void run() throws Exception;
    }

    private record Step(String what, Undo undo) {
    }

    /** A process started by the sandbox; its stdout and stderr go to files so nothing ever blocks on a pipe. */
    record Started(Process process, Path stdoutFile, Path stderrFile) {
        String stdout() {
            return readQuietly(stdoutFile);
        }

        String stderr() {
            return readQuietly(stderrFile);
        }

        /** The first complete line the process printed, waiting at most {@code timeout}. */
        String awaitLine(Duration timeout) {
            return await("a line on stdout of " + process.pid() + " " + process.info().commandLine().orElse(""), timeout,
                    () -> {
                        String out = stdout();
                        int end = out.indexOf('\n');
                        if (end >= 0) {
                            return Optional.of(out.substring(0, end));
                        }
                        if (!process.isAlive()) {
                            fail("process %d exited with %d before printing a line; stderr: %s",
                                    process.pid(), process.exitValue(), stderr());
                        }
                        return Optional.empty();
                    });
        }
    }

    /** A finished command. */
    record Exec(int exitCode, String stdout, String stderr) {
        List<String> stdoutLines() {
            return lines(stdout);
        }

        List<String> stderrLines() {
            return lines(stderr);
        }

        /** Fails the test, showing what the command said, unless it exited 0. */
        Exec assertSuccess() {
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

    private final Deque<Step> steps = new ArrayDeque<>();
    private final Path workDir;

    Sandbox() throws IOException {
        workDir = Files.createTempDirectory("listns-it-");
        steps.push(new Step("remove " + workDir, () -> deleteTree(workDir)));
    }

    // ---------------------------------------------------------------- environment

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void assumeRoot() {
        assumeTrue(isRoot(), "integration test needs root (it creates namespaces and reads every /proc entry); skipped");
    }

    /** A name no other run on this host uses at the same time, e.g. {@code listns-it-a-3f9c2e}. */
    static String uniqueName(String prefix) {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + "-" + HexFormat.of().formatHex(random);
    }

    /** A scratch directory removed by {@link #close()}. */
    Path workDir() {
        return workDir;
    }

    /** Registers an undo step; steps run in reverse order of registration. */
    void onClose(String what, Undo undo) {
        steps.push(new Step(what, undo));
    }

    // ---------------------------------------------------------------- processes

    /** Starts a long-running process, registered to be killed (with all its descendants) on close. */
    Started start(String... command) throws IOException {
        return start(List.of(command));
    }

    Started start(List<String> command) throws IOException {
        Path out = Files.createTempFile(workDir, "out-", ".txt");
        Path err = Files.createTempFile(workDir, "err-", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        steps.push(new Step("kill " + process.pid() + " " + String.join(" ", command), () -> kill(process.toHandle())));
        return new Started(process, out, err);
    }

    /**
     * Kills a process and every descendant, by PID. The descendants are listed before anything is
     * killed, since they stop being descendants once their parent is gone. ProcessHandle checks the
     * start time, so a recycled PID is never hit.
     */
    static void kill(ProcessHandle process) throws InterruptedException {
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

    /** The first child of {@code parent} whose comm is {@code comm} (e.g. the sleep under {@code unshare --fork}). */
    static ProcessHandle awaitChild(Process parent, String comm) {
        return await("a child '" + comm + "' of " + parent.pid(), START_TIMEOUT, () -> {
            if (!parent.isAlive()) {
                fail("process %d exited with %d before starting '%s'", parent.pid(), parent.exitValue(), comm);
            }
            return parent.children().filter(child -> comm.equals(comm(child.pid()))).findFirst();
        });
    }

    /** Waits until {@code pid} has exec'd {@code comm}. */
    static void awaitComm(Process process, String comm) {
        await("process " + process.pid() + " to run '" + comm + "'", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                fail("process %d exited with %d instead of running '%s'", process.pid(), process.exitValue(), comm);
            }
            return comm.equals(comm(process.pid())) ? Optional.of(true) : Optional.empty();
        });
    }

    static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The namespace a task is in, read from its own /proc link. */
    static NamespaceId namespaceOf(long pid, NamespaceType type) {
        return link(Path.of("/proc", Long.toString(pid), "ns", type.label()));
    }

    static NamespaceId link(Path nsLink) {
        try {
            String text = Files.readSymbolicLink(nsLink).toString();
            return NamespaceId.parse(text).orElseThrow(() -> new AssertionError("not a namespace link: " + nsLink + " -> " + text));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + nsLink, e);
        }
    }

    /** Polls {@code probe} until it answers, at most {@code timeout}; fails the test otherwise. */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> answer = probe.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Runs a command to completion with stdin from /dev/null; kills it (and its descendants) after {@code timeout}. */
    static Exec exec(Duration timeout, String... command) throws IOException, InterruptedException {
        return exec(timeout, List.of(command), null);
    }

    static Exec exec(Duration timeout, List<String> command, Path directory) throws IOException, InterruptedException {
        return exec(timeout, command, directory, environment -> { });
    }

    /** As {@link #exec(Duration, List, Path)}, with the child's environment adjusted first (e.g. its locale). */
    static Exec exec(Duration timeout, List<String> command, Path directory, Consumer<Map<String, String>> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("listns-it-out-", ".txt");
        Path err = Files.createTempFile("listns-it-err-", ".txt");
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

    /** Whether a program is on PATH (or an executable path). */
    static boolean onPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        return Arrays.stream(path.split(":")).anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    // ---------------------------------------------------------------- network namespaces and files

    /** {@code ip netns add NAME}, registered for {@code ip netns del NAME}. Answers the nsfs file. */
    Path addNetns(String name) throws IOException, InterruptedException {
        Exec add = exec(START_TIMEOUT, "ip", "netns", "add", name);
        if (add.exitCode() != 0) {
            throw new AssertionError("ip netns add " + name + " failed: " + add);
        }
        steps.push(new Step("ip netns del " + name, () -> {
            Exec del = exec(START_TIMEOUT, "ip", "netns", "del", name);
            if (del.exitCode() != 0 && Files.exists(Path.of("/run/netns", name))) {
                throw new IllegalStateException("ip netns del " + name + " failed: " + del);
            }
        }));
        return Path.of("/run/netns", name);
    }

    /**
     * {@code ip netns add} with a name given as raw bytes (non-ASCII, or not UTF-8 at all), which a Java
     * String cannot carry to a command line in every locale: bash's printf builds it from {@code \xHH}
     * escapes. Registered for {@code ip netns del}. Answers the inode of the new namespace.
     */
    long addNetns(byte[] rawName) throws IOException, InterruptedException {
        StringBuilder escaped = new StringBuilder();
        for (byte b : rawName) {
            escaped.append(String.format("\\x%02x", b & 0xFF));
        }
        String name = "n=\"$(printf '" + escaped + "')\"; ";
        Exec add = exec(START_TIMEOUT, "bash", "-c", name + "ip netns add \"$n\" && stat -L -c %i \"/run/netns/$n\"");
        if (add.exitCode() != 0) {
            throw new AssertionError("ip netns add " + escaped + " failed: " + add);
        }
        steps.push(new Step("ip netns del " + escaped, () -> {
            Exec del = exec(START_TIMEOUT, "bash", "-c", name + "ip netns del \"$n\" || [ ! -e \"/run/netns/$n\" ]");
            if (del.exitCode() != 0) {
                throw new IllegalStateException("ip netns del " + escaped + " failed: " + del);
            }
        }));
        return Long.parseLong(add.stdout().strip());
    }

    /** Creates a directory (and its missing parents); those it created are removed on close if still empty. */
    void createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        Files.createDirectories(dir);
        Collections.reverse(missing); // outermost first, so the deepest is removed first
        for (Path created : missing) {
            steps.push(new Step("rmdir " + created, () -> {
                try {
                    Files.deleteIfExists(created);
                } catch (DirectoryNotEmptyException e) {
                    // someone else (ip netns add) uses it now: leave it
                }
            }));
        }
    }

    /** Creates a regular file, registered for deletion. */
    Path createFile(Path file) throws IOException {
        Files.createFile(file);
        steps.push(new Step("rm " + file, () -> Files.deleteIfExists(file)));
        return file;
    }

    // ---------------------------------------------------------------- listns in-process

    /** What one in-process run of the CLI printed. */
    record Cli(int exitCode, String out, String err) {
        List<String> outLines() {
            return lines(out);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + abbreviate(out) + "\n--- stderr:\n" + abbreviate(err);
        }
    }

    /** Runs {@code listns ARGS} in this JVM against the real /proc, as Main would, with captured streams. */
    static Cli listns(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        boolean privileged = isRoot();
        Environment environment = new Environment(new PrintWriter(out), new PrintWriter(err), Terminal.notATerminal(),
                (procRoot, netnsDirs) -> ProcFsScanner.forTree(procRoot, netnsDirs, privileged));
        int code = new Listns(environment).run(args);
        return new Cli(code, out.toString(), err.toString());
    }

    // ---------------------------------------------------------------- teardown

    /** Undoes everything, newest first; every step runs even if an earlier one fails. */
    @Override
    public void close() {
        // A test cut short by @Timeout arrives interrupted: clear the flag so waits in the cleanup still work.
        boolean interrupted = Thread.interrupted();
        IllegalStateException first = null;
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.undo().run();
            } catch (Exception | AssertionError e) {
                interrupted |= e instanceof InterruptedException | Thread.interrupted();
                IllegalStateException wrapped = new IllegalStateException("cleanup step failed: " + step.what(), e);
                if (first == null) {
                    first = wrapped;
                } else {
                    first.addSuppressed(wrapped);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw first;
        }
    }

    // ---------------------------------------------------------------- small helpers

    /** The lines of a text; a final newline does not start another (empty) line. */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }

    static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String abbreviate(String text) {
        int max = 4000;
        return text.length() <= max ? text : text.substring(0, max) + "\n... (" + (text.length() - max) + " more chars)";
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
