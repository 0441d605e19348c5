package dev.listns.nativeaccess.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.OptionalInt;

/**
 * {@link NamespaceSyscalls} over glibc through {@code java.lang.foreign}. Stateless and thread-safe.
 *
 * <p>The constants are the Linux UAPI values, which are the same on x86_64 and aarch64 (including the
 * pidfd syscall numbers, which postdate the per-architecture tables).
 */
public final class FfmNamespaceSyscalls implements NamespaceSyscalls {

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_INO = 0x100;
    // statx rather than fstat: struct statx has one layout on every architecture, struct stat does not.
    private static final long STATX_SIZE = 256;
    private static final long STX_INO_OFFSET = 32;

    private static final long NS_GET_USERNS = 0xb701;
    private static final long NS_GET_PARENT = 0xb702;
    private static final long NS_GET_NSTYPE = 0xb703;
    private static final long NS_GET_OWNER_UID = 0xb704;
    private static final long SIOCGSKNS = 0x894C;

    private static final long SYS_PIDFD_OPEN = 434;
    private static final long SYS_PIDFD_GETFD = 438;

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

    private static final MethodHandle OPEN = Libc.errnoHandle("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = Libc.handle("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STATX = Libc.errnoHandle("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    // Every request gets a pointer-sized third argument; the NS_GET_* ones that take none ignore it.
    private static final MethodHandle IOCTL = Libc.errnoHandle("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    // glibc reads syscall()'s arguments as longs, so pass longs rather than leave upper halves undefined.
    private static final MethodHandle SYSCALL = Libc.errnoHandle("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SOCKET = Libc.errnoHandle("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SEND = Libc.errnoHandle("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV = Libc.errnoHandle("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    public FfmNamespaceSyscalls() {
    }

    @Override
    public int open(String path) throws NativeException {
        if (path.indexOf('\0') >= 0) {
            // C would silently open the prefix before the NUL: a different file.
            throw new NativeException("open", NativeException.EINVAL);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = arena.allocateFrom(path);
            return (int) call("open", arena, state -> (int) OPEN.invokeExact(state, cPath, O_RDONLY | O_CLOEXEC));
        }
    }

    @Override
    public int duplicateFrom(int pid, int targetFd) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            int pidfd = (int) call("pidfd_open", arena,
                    state -> (long) SYSCALL.invokeExact(state, SYS_PIDFD_OPEN, (long) pid, 0L, 0L));
            try {
                return (int) call("pidfd_getfd", arena,
                        state -> (long) SYSCALL.invokeExact(state, SYS_PIDFD_GETFD, (long) pidfd, (long) targetFd, 0L));
            } finally {
                close(pidfd);
            }
        }
    }

    @Override
    public long inode(int fd) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment empty = arena.allocateFrom("");
            MemorySegment statx = arena.allocate(STATX_SIZE, 8);
            call("statx", arena,
                    state -> (int) STATX.invokeExact(state, fd, empty, AT_EMPTY_PATH, STATX_INO, statx));
            return statx.get(JAVA_LONG, STX_INO_OFFSET);
        }
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment uid = arena.allocate(JAVA_INT);
            call("ioctl(NS_GET_OWNER_UID)", arena,
                    state -> (int) IOCTL.invokeExact(state, userNsFd, NS_GET_OWNER_UID, uid));
            return uid.get(JAVA_INT, 0);
        }
    }

    @Override
    public int socketNetworkNamespace(int socketFd) throws NativeException {
        return ioctl(socketFd, SIOCGSKNS, "ioctl(SIOCGSKNS)");
    }

    @Override
    public OptionalInt netnsId(int netNsFd) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            int sock = (int) call("socket(AF_NETLINK)", arena,
                    state -> (int) SOCKET.invokeExact(state, AF_NETLINK, SOCK_RAW | O_CLOEXEC, NETLINK_ROUTE));
            try {
                MemorySegment request = getNsidRequest(arena, netNsFd);
                call("send(RTM_GETNSID)", arena,
                        state -> (long) SEND.invokeExact(state, sock, request, request.byteSize(), 0));
                MemorySegment reply = arena.allocate(REPLY_CAPACITY, 4);
                // rtnetlink answers inside send(), so the reply is already queued: never block waiting for it.
                long length = call("recv(RTM_GETNSID)", arena,
                        state -> (long) RECV.invokeExact(state, sock, reply, reply.byteSize(), MSG_DONTWAIT));
                return parseNsidReply(reply.asSlice(0, length));
            } finally {
                close(sock);
            }
        }
    }

    @Override
    public void close(int fd) {
        try {
            // The result is dropped on purpose: Linux frees the descriptor even when close fails, so retrying is wrong.
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
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
    private static int ioctl(int fd, long request, String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            return (int) call(name, arena,
                    state -> (int) IOCTL.invokeExact(state, fd, request, MemorySegment.NULL));
        }
    }

    @FunctionalInterface
    private interface Downcall {
        long invoke(MemorySegment errnoState) throws Throwable;
    }

    /** Runs a downcall that reports failure as -1 and errno, the convention of every call used here. */
    private static long call(String name, Arena arena, Downcall downcall) throws NativeException {
        MemorySegment state = arena.allocate(Libc.CAPTURE_STATE);
        long result;
        try {
            result = downcall.invoke(state);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (result == -1) {
            throw new NativeException(name, Libc.errno(state));
        }
        return result;
    }
}
