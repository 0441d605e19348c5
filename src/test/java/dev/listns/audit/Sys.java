package dev.listns.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/** Helpers for tests that need root or a real system command. */
public final class Sys {
    private Sys() {
    }

    public static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs a command, answers its exit code; output is kept for the failure message. */
    public static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, output + " (timed out)");
        }
        return new Result(process.exitValue(), output);
    }

    public record Result(int code, String output) {
    }

    /**
     * Makes {@code file} unreadable in a way that holds even for root, who ignores file modes: a
     * write-only sysctl, which the kernel refuses to read to anyone, is bind-mounted over it. As
     * another user a plain {@code chmod 000} does. Closing undoes it.
     */
    public static AutoCloseable unreadable(Path file) throws Exception {
        if (!isRoot()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            return () -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Result mount = run("mount", "--bind", "/proc/sys/vm/compact_memory", file.toString());
        if (mount.code() != 0) {
            throw new IllegalStateException("cannot bind-mount a write-only sysctl: " + mount.output());
        }
        return () -> run("umount", file.toString());
    }
}
