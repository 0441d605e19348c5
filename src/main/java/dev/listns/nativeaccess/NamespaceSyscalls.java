package dev.listns.nativeaccess;

import java.util.OptionalInt;

/**
 * The few system calls listns needs that {@code /proc} cannot answer. File descriptors returned here
 * belong to the listns process itself and must be given back with {@link #close(int)}.
 *
 * <p>Implemented with {@code java.lang.foreign} (Java 22+) in {@code dev.listns.nativeaccess.ffm};
 * obtain one through {@link NativeAccess#load()}, which answers empty on older JVMs.
 */
public interface NamespaceSyscalls {

    /**
     * Opens the nsfs file at {@code path} (a thread's /proc/PID/task/TID/fd/N, a bind mount) only if
     * it is namespace {@code inode} on the nsfs device {@code device}. The path is first opened with O_PATH, which runs no driver's open (a FIFO cannot block it, a device cannot act
     * on it), the descriptor is checked with fstat, and only then is it reopened for reading through
     * /proc/self/fd. So whatever another user swaps in at the path meanwhile is never opened for real.
     *
     * @throws NativeException with ENOENT when the path now leads to anything else
     */
    int openVerified(String path, long device, long inode) throws NativeException;

    /**
     * Opens a {@code ns} link of a procfs (/proc/PID/ns/TYPE, a thread's, a {@code *_for_children}
     * one) directly, and keeps it only if it is namespace {@code inode} on the nsfs device. Such a link
     * leads to a namespace file and nothing else, so the O_PATH step of {@link #openVerified} would
     * only cost a second lookup of the path; the check still catches a PID reused meanwhile.
     *
     * @throws NativeException with ENOENT when the link now leads to another namespace
     */
    int openNamespaceLink(String path, long device, long inode) throws NativeException;

    /**
     * Turns a verified O_PATH descriptor of listns's own into one that ioctls work on, by reopening it
     * through /proc/self/fd: the same file, so it needs no check again. The O_PATH descriptor stays open.
     */
    int reopen(int pathFd) throws NativeException;

    /** fstat(fd): device, inode and type of what a descriptor of listns's own refers to. */
    FileStatus status(int fd) throws NativeException;

    /** A duplicate of another process's descriptor (pidfd_open + pidfd_getfd, Linux 5.6+); never opens a path. */
    int duplicateFrom(int pid, int targetFd) throws NativeException;

    /**
     * A duplicate of a descriptor in one thread's own table, which a thread gets by unshare(CLONE_FILES)
     * (pidfd_open with PIDFD_THREAD, Linux 6.9+, then pidfd_getfd); never opens a path.
     */
    int duplicateFromThread(int tid, int targetFd) throws NativeException;

    /** fstat(fd).st_ino: for an nsfs descriptor, the namespace's inode. */
    long inode(int fd) throws NativeException;

    /** ioctl(NS_GET_NSTYPE): the CLONE_NEW* flag of the namespace behind {@code nsFd}. */
    int namespaceType(int nsFd) throws NativeException;

    /** ioctl(NS_GET_PARENT): a new descriptor for the parent of a user or PID namespace. */
    int parent(int nsFd) throws NativeException;

    /** ioctl(NS_GET_USERNS): a new descriptor for the user namespace that owns {@code nsFd}. */
    int owningUserNamespace(int nsFd) throws NativeException;

    /** ioctl(NS_GET_OWNER_UID) on a user namespace descriptor. */
    int ownerUid(int userNsFd) throws NativeException;

    /** ioctl(SIOCGSKNS) on a socket descriptor: a new descriptor for its network namespace. */
    int socketNetworkNamespace(int socketFd) throws NativeException;

    /** RTM_GETNSID for the network namespace behind {@code netNsFd}, as seen from the caller's; empty when none is assigned. */
    OptionalInt netnsId(int netNsFd) throws NativeException;

    /** close(fd); errors are ignored because nothing useful can be done about them. */
    void close(int fd);
}
