package dev.listns.it;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.listns.cli.Environment;
import dev.listns.cli.Listns;
import dev.listns.cli.Terminal;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.scan.ProcFsScanner;
import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
            return Commands.readQuietly(stdoutFile);
        }

        String stderr() {
            return Commands.readQuietly(stderrFile);
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

    private final Deque<Step> steps = new ArrayDeque<>();
    private final Path workDir;

    Sandbox() throws IOException {
        workDir = Files.createTempDirectory("listns-it-");
        steps.push(new Step("remove " + workDir, () -> deleteTree(workDir)));
    }

    // ---------------------------------------------------------------- environment

    static void assumeRoot() {
        assumeTrue(Commands.isRoot(), "integration test needs root (it creates namespaces and reads every /proc entry); skipped");
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
        steps.push(new Step("kill " + process.pid() + " " + String.join(" ", command), () -> Commands.kill(process.toHandle())));
        return new Started(process, out, err);
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

    // ---------------------------------------------------------------- network namespaces and files

    /** {@code ip netns add NAME}, registered for {@code ip netns del NAME}. Answers the nsfs file. */
    Path addNetns(String name) throws IOException, InterruptedException {
        Commands.Exec add = Commands.run(START_TIMEOUT, "ip", "netns", "add", name);
        if (add.exitCode() != 0) {
            throw new AssertionError("ip netns add " + name + " failed: " + add);
        }
        steps.push(new Step("ip netns del " + name, () -> {
            Commands.Exec del = Commands.run(START_TIMEOUT, "ip", "netns", "del", name);
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
        Commands.Exec add = Commands.run(START_TIMEOUT, "bash", "-c", name + "ip netns add \"$n\" && stat -L -c %i \"/run/netns/$n\"");
        if (add.exitCode() != 0) {
            throw new AssertionError("ip netns add " + escaped + " failed: " + add);
        }
        steps.push(new Step("ip netns del " + escaped, () -> {
            Commands.Exec del = Commands.run(START_TIMEOUT, "bash", "-c", name + "ip netns del \"$n\" || [ ! -e \"/run/netns/$n\" ]");
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

    // ---------------------------------------------------------------- users

    /** A user this sandbox created, with no home and no login shell. */
    record User(String name, int uid) {
        /** {@code setpriv} arguments that run a command as this user, and only this user's group. */
        List<String> runAs(String... command) {
            List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + name, "--regid=" + name, "--clear-groups"));
            full.addAll(List.of(command));
            return full;
        }
    }

    /** {@code useradd} of a new unprivileged user named {@code prefix-<random>}, registered for {@code userdel}. */
    User addUser(String prefix) throws IOException, InterruptedException {
        Workloads.require("useradd", "setpriv");
        String name = uniqueName(prefix);
        Commands.run(START_TIMEOUT, "useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name).assertSuccess();
        // Registered before anything runs as the user: close() kills its processes first, then deletes it.
        steps.push(new Step("userdel " + name, () -> Commands.run(START_TIMEOUT, "userdel", name).assertSuccess()));
        int uid = Integer.parseInt(Commands.run(START_TIMEOUT, "id", "-u", name).assertSuccess().stdout().strip());
        return new User(name, uid);
    }

    // ---------------------------------------------------------------- listns in-process

    /** What one in-process run of the CLI printed. */
    record Cli(int exitCode, String out, String err) {
        List<String> outLines() {
            return Commands.lines(out);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + Commands.abbreviate(out) + "\n--- stderr:\n" + Commands.abbreviate(err);
        }
    }

    /** Runs {@code listns ARGS} in this JVM against the real /proc, as Main would, with captured streams. */
    static Cli listns(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        boolean privileged = Commands.isRoot();
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
