package dev.listns.scan;

import dev.listns.model.NamespaceId;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A way to reach a namespace for native queries and helper programs: a path to an nsfs file (a
 * /proc/PID/ns link, or a bind mount), a descriptor of another process, or a socket whose network
 * namespace is meant ({@code pid} is a thread's TID when {@code thread}: its own descriptor table).
 * Descriptors are duplicated (pidfd_getfd), never opened through /proc/PID/fd,
 * so listns never opens another process's files.
 */
public record NamespaceAccess(Path path, int pid, int fd, boolean socket, boolean thread) {

    public static NamespaceAccess ofPath(Path path) {
        return new NamespaceAccess(path, 0, -1, false, false);
    }

    public static NamespaceAccess ofDescriptor(int pid, int fd) {
        return new NamespaceAccess(null, pid, fd, false, false);
    }

    public static NamespaceAccess ofSocket(int pid, int fd) {
        return new NamespaceAccess(null, pid, fd, true, false);
    }

    /** A socket in the own descriptor table of thread {@code tid}. */
    public static NamespaceAccess ofThreadSocket(int tid, int fd) {
        return new NamespaceAccess(null, tid, fd, true, true);
    }

    /**
     * A new descriptor for namespace {@code id}, checked to be that namespace: a path may have been
     * covered by a later mount, or a descriptor number reused, since it was found. The caller closes it.
     */
    public int open(NamespaceSyscalls sys, NamespaceId id) throws NativeException {
        int fd = open(sys);
        try {
            if (sys.inode(fd) == id.inode()) {
                int verified = fd;
                fd = -1;
                return verified;
            }
        } finally {
            sys.close(fd);
        }
        throw new NativeException("open " + id + " via " + this, NativeException.ENOENT);
    }

    /** A new descriptor for whatever the access leads to now; the caller closes it. */
    public int open(NamespaceSyscalls sys) throws NativeException {
        if (path != null) {
            return sys.open(path.toString());
        }
        int duplicate = thread ? sys.duplicateFromThread(pid, fd) : sys.duplicateFrom(pid, fd);
        if (!socket) {
            return duplicate;
        }
        try {
            return sys.socketNetworkNamespace(duplicate);
        } finally {
            sys.close(duplicate);
        }
    }

    /**
     * A path a helper program such as nsenter can open. A descriptor is reached through
     * /proc/PID/fd/N, which is safe here because stat already showed it is an nsfs file.
     */
    public Optional<Path> asPath(Path procRoot) {
        if (socket) {
            return Optional.empty();
        }
        return Optional.of(path != null ? path : procRoot.resolve(Integer.toString(pid)).resolve("fd").resolve(Integer.toString(fd)));
    }
}
