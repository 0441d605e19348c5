package dev.listns.testing;

import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;
import java.util.OptionalInt;

/**
 * Namespace system calls that all fail as on a kernel without them (ENOSYS), and a close that does
 * nothing: fakes override the few calls their test is about.
 */
public class NoNamespaceSyscalls implements NamespaceSyscalls {

    protected static NativeException missing(String call) {
        return new NativeException(call, NativeException.ENOSYS);
    }

    @Override
    public int openVerified(String path, long device, long inode) throws NativeException {
        throw missing("open");
    }

    @Override
    public int openNamespaceLink(String path, long device, long inode) throws NativeException {
        throw missing("open");
    }

    @Override
    public int reopen(int pathFd) throws NativeException {
        throw missing("reopen");
    }

    @Override
    public FileStatus status(int fd) throws NativeException {
        throw missing("statx");
    }

    @Override
    public int duplicateFrom(int pid, int targetFd) throws NativeException {
        throw missing("pidfd_getfd");
    }

    @Override
    public int duplicateFromThread(int tid, int targetFd) throws NativeException {
        throw missing("pidfd_getfd");
    }

    @Override
    public long inode(int fd) throws NativeException {
        return status(fd).inode();
    }

    @Override
    public int namespaceType(int nsFd) throws NativeException {
        throw missing("ioctl(NS_GET_NSTYPE)");
    }

    @Override
    public int parent(int nsFd) throws NativeException {
        throw missing("ioctl(NS_GET_PARENT)");
    }

    @Override
    public int owningUserNamespace(int nsFd) throws NativeException {
        throw missing("ioctl(NS_GET_USERNS)");
    }

    @Override
    public int ownerUid(int userNsFd) throws NativeException {
        throw missing("ioctl(NS_GET_OWNER_UID)");
    }

    @Override
    public int socketNetworkNamespace(int socketFd) throws NativeException {
        throw missing("ioctl(SIOCGSKNS)");
    }

    @Override
    public OptionalInt netnsId(int netNsFd) throws NativeException {
        return OptionalInt.empty();
    }

    @Override
    public void close(int fd) {
        // nothing was opened
    }
}
