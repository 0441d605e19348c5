package dev.listns.nativeaccess.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.OptionalInt;

/**
 * {@link NamespaceSyscalls} through {@link Libc}. Thread-safe: each thread has native buffers of its own.
 *
 * <p>The constants are the Linux UAPI values, which are the same on x86_64 and aarch64.
 */
public final class FfmNamespaceSyscalls implements NamespaceSyscalls {

    private static final int O_RDONLY = 0;
    private static final int O_PATH = 0x200000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int AT_EMPTY_PATH = 0x1000;
    // A pidfd for one thread rather than its thread group (O_EXCL's value), so pidfd_getfd reads its table.
    private static final int PIDFD_THREAD = 0x80;
    private static final int STATX_TYPE = 0x1;
    private static final int STATX_INO = 0x100;
    // statx rather than fstat: struct statx has one layout on every architecture, struct stat does not.
    private static final long STX_MODE = 28;
    private static final long STX_INO_OFFSET = 32;
    private static final long STX_DEV_MAJOR = 136;
    private static final long STX_DEV_MINOR = 140;

    private static final long NS_GET_USERNS = 0xb701;
    private static final long NS_GET_PARENT = 0xb702;
    private static final long NS_GET_NSTYPE = 0xb703;
    private static final long NS_GET_OWNER_UID = 0xb704;
    private static final long SIOCGSKNS = 0x894C;

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int NETLINK_ROUTE = 0;
    private static final int MSG_DONTWAIT = 0x40;
    private static final short NLMSG_ERROR = 2;
    private static final short RTM_NEWNSID = 88;
    private static final short RTM_GETNSID = 90;
    private static final short NLM_F_REQUEST = 1;
    private static final short NETNSA_NSID = 1;
    private static final short NETNSA_FD = 3;
    private static final int NETNSA_NSID_NOT_ASSIGNED = -1;
    private static final int NLMSG_HDRLEN = 16;
    private static final int RTGENMSG_LEN = 4; // one byte, padded to NLMSG_ALIGNTO
    private static final int RTA_HDRLEN = 4;
    private static final int REQUEST_LEN = NLMSG_HDRLEN + RTGENMSG_LEN + RTA_HDRLEN + 4;
    private static final int REPLY_CAPACITY = 8192;
    private static final int EPROTO = 71;

    private final ThreadLocal<ThreadBuffers> buffers = new ThreadBuffers.PerThread(0);

    /** Links the native call now, in the loader: see {@link Libc#link}. */
    public FfmNamespaceSyscalls() {
        Libc.link();
    }

    @Override
    public int openVerified(String path, long device, long inode) throws NativeException {
        ThreadBuffers s = buffers.get();
        int pathFd = (int) Libc.call("open(O_PATH)", s.errno, Libc.OPENAT, Libc.AT_FDCWD, s.cPath(path), O_PATH | O_CLOEXEC,
                0, 0);
        try {
            FileStatus found = status(pathFd);
            if (found.device() != device || found.inode() != inode) {
                throw new NativeException("open " + path + " (not the namespace expected)", NativeException.ENOENT);
            }
            return reopen(pathFd);
        } finally {
            Libc.close(s.errno, pathFd);
        }
    }

    @Override
    public int openNamespaceLink(String path, long device, long inode) throws NativeException {
        ThreadBuffers s = buffers.get();
        int fd = (int) Libc.call("open", s.errno, Libc.OPENAT, Libc.AT_FDCWD, s.cPath(path), O_RDONLY | O_CLOEXEC, 0, 0);
        try {
            FileStatus found = status(fd);
            if (found.device() == device && found.inode() == inode) {
                int checked = fd;
                fd = -1;
                return checked;
            }
        } finally {
            Libc.close(s.errno, fd);
        }
        throw new NativeException("open " + path + " (not the namespace expected)", NativeException.ENOENT);
    }

    @Override
    public int reopen(int pathFd) throws NativeException {
        ThreadBuffers s = buffers.get();
        // listns's own /proc: the magic link leads to the very file the O_PATH descriptor holds.
        return (int) Libc.call("reopen", s.errno, Libc.OPENAT, Libc.AT_FDCWD, s.cPath("/proc/self/fd/" + pathFd),
                O_RDONLY | O_CLOEXEC, 0, 0);
    }

    @Override
    public FileStatus status(int fd) throws NativeException {
        ThreadBuffers s = buffers.get();
        // AT_EMPTY_PATH with "": the descriptor itself, O_PATH ones included.
        Libc.call("statx", s.errno, Libc.STATX, fd, s.cPath(""), AT_EMPTY_PATH, STATX_TYPE | STATX_INO, s.statx.address());
        long major = Integer.toUnsignedLong(s.statx.get(JAVA_INT, STX_DEV_MAJOR));
        long minor = Integer.toUnsignedLong(s.statx.get(JAVA_INT, STX_DEV_MINOR));
        int mode = Short.toUnsignedInt(s.statx.get(JAVA_SHORT, STX_MODE));
        return new FileStatus(FfmFileSyscalls.makedev(major, minor), s.statx.get(JAVA_LONG, STX_INO_OFFSET), mode);
    }

    @Override
    public int duplicateFrom(int pid, int targetFd) throws NativeException {
        return duplicate(pid, 0, targetFd);
    }

    @Override
    public int duplicateFromThread(int tid, int targetFd) throws NativeException {
        return duplicate(tid, PIDFD_THREAD, targetFd);
    }

    private int duplicate(int pid, int pidfdFlags, int targetFd) throws NativeException {
        MemorySegment state = buffers.get().errno;
        int pidfd = (int) Libc.call("pidfd_open", state, Libc.PIDFD_OPEN, pid, pidfdFlags, 0, 0, 0);
        try {
            return (int) Libc.call("pidfd_getfd", state, Libc.PIDFD_GETFD, pidfd, targetFd, 0, 0, 0);
        } finally {
            Libc.close(state, pidfd);
        }
    }

    @Override
    public long inode(int fd) throws NativeException {
        ThreadBuffers s = buffers.get();
        // AT_EMPTY_PATH with "": the descriptor itself.
        Libc.call("statx", s.errno, Libc.STATX, fd, s.cPath(""), AT_EMPTY_PATH, STATX_INO, s.statx.address());
        return s.statx.get(JAVA_LONG, STX_INO_OFFSET);
    }

    @Override
    public int namespaceType(int nsFd) throws NativeException {
        return ioctl(nsFd, NS_GET_NSTYPE, "ioctl(NS_GET_NSTYPE)");
    }

    @Override
    public int parent(int nsFd) throws NativeException {
        return ioctl(nsFd, NS_GET_PARENT, "ioctl(NS_GET_PARENT)");
    }

    @Override
    public int owningUserNamespace(int nsFd) throws NativeException {
        return ioctl(nsFd, NS_GET_USERNS, "ioctl(NS_GET_USERNS)");
    }

    @Override
    public int ownerUid(int userNsFd) throws NativeException {
        ThreadBuffers s = buffers.get();
        Libc.call("ioctl(NS_GET_OWNER_UID)", s.errno, Libc.IOCTL, userNsFd, NS_GET_OWNER_UID, s.word.address(), 0, 0);
        return s.word.get(JAVA_INT, 0);
    }

    @Override
    public int socketNetworkNamespace(int socketFd) throws NativeException {
        return ioctl(socketFd, SIOCGSKNS, "ioctl(SIOCGSKNS)");
    }

    @Override
    public OptionalInt netnsId(int netNsFd) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            int sock = (int) Libc.call("socket(AF_NETLINK)", state, Libc.SOCKET, AF_NETLINK, SOCK_RAW | O_CLOEXEC,
                    NETLINK_ROUTE, 0, 0);
            try {
                MemorySegment request = getNsidRequest(arena, netNsFd);
                Libc.call("send(RTM_GETNSID)", state, Libc.SENDTO, sock, request.address(), request.byteSize(), 0, 0);
                MemorySegment reply = arena.allocate(REPLY_CAPACITY, 4);
                // rtnetlink answers inside send(), so the reply is already queued: never block waiting for it.
                long length = Libc.call("recv(RTM_GETNSID)", state, Libc.RECVFROM, sock, reply.address(), reply.byteSize(),
                        MSG_DONTWAIT, 0);
                return parseNsidReply(reply.asSlice(0, length));
            } finally {
                Libc.close(state, sock);
            }
        }
    }

    @Override
    public void close(int fd) {
        Libc.close(buffers.get().errno, fd);
    }

    private static MemorySegment getNsidRequest(Arena arena, int netNsFd) {
        MemorySegment msg = arena.allocate(REQUEST_LEN, 4); // zeroed: rtgen_family = AF_UNSPEC, pid = 0
        msg.set(JAVA_INT, 0, REQUEST_LEN);
        msg.set(JAVA_SHORT, 4, RTM_GETNSID);
        msg.set(JAVA_SHORT, 6, NLM_F_REQUEST);
        msg.set(JAVA_INT, 8, 1); // seq
        int attr = NLMSG_HDRLEN + RTGENMSG_LEN;
        msg.set(JAVA_SHORT, attr, (short) (RTA_HDRLEN + 4));
        msg.set(JAVA_SHORT, attr + 2, NETNSA_FD);
        msg.set(JAVA_INT, attr + RTA_HDRLEN, netNsFd);
        return msg;
    }

    /** Walks the reply with every length checked, since a bad one must end in an exception, not a wild read. */
    private static OptionalInt parseNsidReply(MemorySegment reply) throws NativeException {
        long offset = 0;
        while (offset + NLMSG_HDRLEN <= reply.byteSize()) {
            int length = reply.get(JAVA_INT, offset);
            short type = reply.get(JAVA_SHORT, offset + 4);
            if (length < NLMSG_HDRLEN || offset + length > reply.byteSize()) {
                break;
            }
            if (type == NLMSG_ERROR && length >= NLMSG_HDRLEN + 4) {
                int error = reply.get(JAVA_INT, offset + NLMSG_HDRLEN);
                if (error != 0) {
                    throw new NativeException("RTM_GETNSID", -error);
                }
            } else if (type == RTM_NEWNSID) {
                return nsidAttribute(reply.asSlice(offset, length));
            }
            offset += align4(length);
        }
        throw new NativeException("recv(RTM_GETNSID)", EPROTO);
    }

    private static OptionalInt nsidAttribute(MemorySegment message) {
        long offset = NLMSG_HDRLEN + RTGENMSG_LEN;
        while (offset + RTA_HDRLEN <= message.byteSize()) {
            int length = Short.toUnsignedInt(message.get(JAVA_SHORT, offset));
            short type = message.get(JAVA_SHORT, offset + 2);
            if (length < RTA_HDRLEN || offset + length > message.byteSize()) {
                break;
            }
            if (type == NETNSA_NSID && length >= RTA_HDRLEN + 4) {
                int nsid = message.get(JAVA_INT, offset + RTA_HDRLEN);
                return nsid == NETNSA_NSID_NOT_ASSIGNED ? OptionalInt.empty() : OptionalInt.of(nsid);
            }
            offset += align4(length);
        }
        return OptionalInt.empty();
    }

    private static long align4(int length) {
        return (length + 3L) & ~3L;
    }

    /** The NS_GET_* and SIOCGSKNS requests: no argument, and the answer (often a new descriptor) is the result. */
    private int ioctl(int fd, long request, String name) throws NativeException {
        return (int) Libc.call(name, buffers.get().errno, Libc.IOCTL, fd, request, 0, 0, 0);
    }
}
