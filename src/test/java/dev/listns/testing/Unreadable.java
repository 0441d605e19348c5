package dev.listns.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files no test can read, for the tests of what listns does when it cannot. */
public final class Unreadable {
    private Unreadable() {
    }

    /**
     * Makes {@code file} unreadable in a way that holds even for root, who ignores file modes: a
     * write-only sysctl, which the kernel refuses to read to anyone, is bind-mounted over it. As
     * another user a plain {@code chmod 000} does. Closing undoes it.
     */
    public static AutoCloseable make(Path file) throws Exception {
        if (!Commands.isRoot()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            return () -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Commands.Exec mount = Commands.run("mount", "--bind", "/proc/sys/vm/compact_memory", file.toString());
        if (mount.exitCode() != 0) {
            throw new IllegalStateException("cannot bind-mount a write-only sysctl: " + mount);
        }
        return () -> Commands.run("umount", file.toString());
    }
}
