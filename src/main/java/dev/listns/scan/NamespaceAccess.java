package dev.listns.scan;

import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.nio.file.Path;

/**
 * A way to reach a namespace for native queries. Whatever it leads to is checked to be the expected
 * namespace (the nsfs device and the namespace's inode) before any ioctl is made on it, because a path
 * may have been covered by a later mount, a descriptor number reused, or a file swapped by another
 * user since it was found. What each kind opens, and why that is safe:
 * <ul>
 *   <li>{@link NamespaceLink}: a {@code ns} link of listns's own procfs, which leads to a namespace
 *       file and nothing else: opened directly and checked.</li>
 *   <li>{@link NsfsPath}: any other path in listns's own mount namespace (a thread's
 *       /proc/PID/task/TID/fd/N, an {@code ip netns} file, a bind mount, a fake tree's links). Opened
 *       with O_PATH first, checked, and only then reopened for reading, so nothing swapped in is ever
 *       opened for real.</li>
 *   <li>{@link Descriptor}, {@link Socket}, {@link ThreadSocket}: another process's (or thread's)
 *       descriptor, duplicated with pidfd_getfd, which opens nothing; a socket is checked to be a socket
 *       before it is asked for its network namespace.</li>
 *   <li>{@link OwnDescriptor}: a descriptor of listns's own, already checked, reopened through
 *       listns's own /proc: an O_PATH one taken inside another mount namespace, or one the kernel
 *       answered with (the next mount namespace in its list, a namespace opened by its id).</li>
 * </ul>
 */
public sealed interface NamespaceAccess {

    static NamespaceAccess ofPath(Path path) {
        return new NsfsPath(path);
    }

    /**
     * A {@code ns} link under the proc root: opened directly where the root is a procfs, by the O_PATH
     * way of {@link #ofPath} anywhere else (a fake tree's links could lead anywhere).
     */
    static NamespaceAccess ofNamespaceLink(ProcFs proc, Path link) {
        return proc.isProcfs() ? new NamespaceLink(link) : new NsfsPath(link);
    }

    static NamespaceAccess ofDescriptor(int pid, int fd) {
        return new Descriptor(pid, fd);
    }

    static SocketAccess ofSocket(int pid, int fd) {
        return new Socket(pid, fd);
    }

    /** A socket in the own descriptor table of thread {@code tid}. */
    static SocketAccess ofThreadSocket(int tid, int fd) {
        return new ThreadSocket(tid, fd);
    }

    /**
     * A new descriptor for the namespace with inode {@code inode}, checked to be that namespace on the
     * nsfs device {@code nsfsDevice}. The caller closes it; {@link ScanContext#open} is the usual way in.
     *
     * @throws NativeException ENOENT when the access now leads anywhere else; the kernel's errno otherwise
     */
    int open(NamespaceSyscalls sys, long inode, long nsfsDevice) throws NativeException;

    /** A descriptor whose file is checked before anything but fstat is done with it. */
    private static int verified(NamespaceSyscalls sys, int fd, long inode, long nsfsDevice, NamespaceAccess how)
            throws NativeException {
        try {
            FileStatus status = sys.status(fd);
            if (status.device() == nsfsDevice && status.inode() == inode) {
                int checked = fd;
                fd = -1;
                return checked;
            }
        } finally {
            sys.close(fd);
        }
        throw new NativeException("open namespace " + inode + " via " + how + " (now something else)", NativeException.ENOENT);
    }

    record NsfsPath(Path path) implements NamespaceAccess {
        @Override
        public int open(NamespaceSyscalls sys, long inode, long nsfsDevice) throws NativeException {
            return sys.openVerified(path.toString(), nsfsDevice, inode);
        }
    }

    record NamespaceLink(Path link) implements NamespaceAccess {
        @Override
        public int open(NamespaceSyscalls sys, long inode, long nsfsDevice) throws NativeException {
            return sys.openNamespaceLink(link.toString(), nsfsDevice, inode);
        }
    }

    record Descriptor(int pid, int fd) implements NamespaceAccess {
        @Override
        public int open(NamespaceSyscalls sys, long inode, long nsfsDevice) throws NativeException {
            return verified(sys, sys.duplicateFrom(pid, fd), inode, nsfsDevice, this);
        }
    }

    /** A socket, which leads to its network namespace. */
    sealed interface SocketAccess extends NamespaceAccess {
        /**
         * A new descriptor for the socket's network namespace, as the kernel answers it (SIOCGSKNS), on
         * the socket's duplicate, which is closed. The caller closes the answer.
         */
        int networkNamespace(NamespaceSyscalls sys) throws NativeException;

        @Override
        default int open(NamespaceSyscalls sys, long inode, long nsfsDevice) throws NativeException {
            return verified(sys, networkNamespace(sys), inode, nsfsDevice, this);
        }
    }

    record Socket(int pid, int fd) implements SocketAccess {
        @Override
        public int networkNamespace(NamespaceSyscalls sys) throws NativeException {
            return networkNamespaceOf(sys, sys.duplicateFrom(pid, fd));
        }
    }

    record ThreadSocket(int tid, int fd) implements SocketAccess {
        @Override
        public int networkNamespace(NamespaceSyscalls sys) throws NativeException {
            return networkNamespaceOf(sys, sys.duplicateFromThread(tid, fd));
        }
    }

    /** A descriptor of listns's own that was checked when it was taken; the scan closes it at its end. */
    record OwnDescriptor(int pathFd) implements NamespaceAccess {
        @Override
        public int open(NamespaceSyscalls sys, long inode, long nsfsDevice) throws NativeException {
            return verified(sys, sys.reopen(pathFd), inode, nsfsDevice, this);
        }
    }

    /**
     * SIOCGSKNS on a duplicated socket, which is closed. The number may have been reused for any other
     * file since the walk saw a socket there, and an ioctl number means something else to a device.
     */
    private static int networkNamespaceOf(NamespaceSyscalls sys, int duplicate) throws NativeException {
        try {
            if (!sys.status(duplicate).isSocket()) {
                throw new NativeException("SIOCGSKNS (no longer a socket)", NativeException.ENOENT);
            }
            return sys.socketNetworkNamespace(duplicate);
        } finally {
            sys.close(duplicate);
        }
    }
}
