package dev.listns.scan;

import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.nio.file.Path;

/**
 * A way to reach a namespace for native queries: a path to an nsfs file (a /proc/PID/ns link or a
 * bind mount), or a descriptor of another process, which is duplicated rather than opened by path so
 * that listns never opens another process's files.
 */
public record NamespaceAccess(Path path, int pid, int fd) {

    public static NamespaceAccess ofPath(Path path) {
        return new NamespaceAccess(path, 0, -1);
    }

    public static NamespaceAccess ofDescriptor(int pid, int fd) {
        return new NamespaceAccess(null, pid, fd);
    }

    /** A new descriptor in listns's own process; the caller closes it. */
    public int open(NamespaceSyscalls sys) throws NativeException {
        return path != null ? sys.open(path.toString()) : sys.duplicateFrom(pid, fd);
    }

    /** A path a helper program can open (nsenter takes paths). */
    public Path asPath(Path procRoot) {
        return path != null ? path : procRoot.resolve(Integer.toString(pid)).resolve("fd").resolve(Integer.toString(fd));
    }
}
