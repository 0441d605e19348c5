package dev.listns.nativeaccess.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.listns.nativeaccess.DedicatedThread;
import dev.listns.nativeaccess.MountSyscalls;
import dev.listns.nativeaccess.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@link MountSyscalls} through {@link Libc}. Constants and layouts are from the kernel's UAPI headers:
 * {@code include/uapi/linux/mount.h} (struct mnt_id_req, struct statmount, STATMOUNT_*, LSMT_ROOT),
 * {@code include/uapi/linux/nsfs.h} (NS_GET_MNTNS_ID), {@code include/uapi/linux/openat2.h} (struct
 * open_how, RESOLVE_*), {@code include/uapi/linux/sched.h} (CLONE_FS, CLONE_NEWNS); the same on
 * x86_64 and aarch64.
 */
public final class FfmMountSyscalls implements MountSyscalls {
    // struct mnt_id_req { __u32 size; __u32 mnt_ns_fd; __u64 mnt_id; __u64 param; __u64 mnt_ns_id; }:
    // MNT_ID_REQ_SIZE_VER1, the version with mnt_ns_id (Linux 6.11).
    private static final int MNT_ID_REQ_SIZE_VER1 = 32;
    private static final long REQ_MNT_ID = 8;
    private static final long REQ_PARAM = 16;
    private static final long REQ_MNT_NS_ID = 24;
    /** listmount's "every mount below the namespace's root". */
    private static final long LSMT_ROOT = -1L;
    private static final long STATMOUNT_MNT_BASIC = 0x2;
    private static final long STATMOUNT_MNT_ROOT = 0x8;
    private static final long STATMOUNT_MNT_POINT = 0x10;
    private static final long STATMOUNT_FS_TYPE = 0x20;
    private static final long STATMOUNT_MASK = STATMOUNT_MNT_BASIC | STATMOUNT_MNT_ROOT | STATMOUNT_MNT_POINT
            | STATMOUNT_FS_TYPE;
    /** Room for three strings of PATH_MAX each after the 512-byte struct; statmount says EOVERFLOW if not. */
    private static final int STATMOUNT_BUFFER = 16 * 1024;
    private static final int STATMOUNT_BUFFER_MAX = 256 * 1024;
    private static final int EOVERFLOW = 75;
    private static final int LIST_BATCH = 512;

    private static final int O_RDONLY = 0;
    private static final int O_PATH = 0x200000;
    private static final int O_CLOEXEC = 0x80000;
    // struct open_how { __u64 flags; __u64 mode; __u64 resolve; }
    private static final long OPEN_HOW_SIZE = 24;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_NO_SYMLINKS = 0x04;
    private static final long CLONE_FS = 0x200;
    private static final long CLONE_NEWNS = 0x20000;
    private static final int ETIMEDOUT = 110;
    private static final int READ_CHUNK = 64 * 1024;

    private final ThreadLocal<ThreadBuffers> buffers = new ThreadBuffers.PerThread(0);

    /** Links the native call now, in the loader: see {@link Libc#link}. */
    public FfmMountSyscalls() {
        Libc.link();
    }

    @Override
    public long mountNamespaceId(int mntNsFd) throws NativeException {
        return NsfsIds.ask(buffers.get(), "ioctl(NS_GET_MNTNS_ID)", mntNsFd, NsfsIds.NS_GET_MNTNS_ID);
    }

    @Override
    public long[] listMounts(long mntNsId, int limit) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            MemorySegment request = request(arena, LSMT_ROOT, 0, mntNsId);
            MemorySegment ids = arena.allocate(8L * LIST_BATCH, 8);
            long[] found = new long[0];
            while (found.length < limit) {
                int n = (int) Libc.call("listmount", state, Libc.LISTMOUNT, request.address(), ids.address(), LIST_BATCH, 0, 0);
                int keep = Math.min(n, limit - found.length);
                int from = found.length;
                found = Arrays.copyOf(found, from + keep);
                MemorySegment.copy(ids, JAVA_LONG, 0, found, from, keep);
                if (n < LIST_BATCH) {
                    break;
                }
                request.set(JAVA_LONG, REQ_PARAM, found[found.length - 1]); // the next page starts after the last id
            }
            return found;
        }
    }

    @Override
    public byte[] statMount(long mntNsId, long mountId) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            MemorySegment request = request(arena, mountId, STATMOUNT_MASK, mntNsId);
            for (int size = STATMOUNT_BUFFER; ; size *= 4) {
                MemorySegment buffer = arena.allocate(size, 8);
                try {
                    Libc.call("statmount", state, Libc.STATMOUNT, request.address(), buffer.address(), size, 0, 0);
                } catch (NativeException e) {
                    if (e.errno() == EOVERFLOW && size < STATMOUNT_BUFFER_MAX) {
                        continue;
                    }
                    throw e;
                }
                int used = Math.min(buffer.get(JAVA_INT, 0), size); // struct statmount's size: fixed part and strings
                return buffer.asSlice(0, used).toArray(JAVA_BYTE);
            }
        }
    }

    private static MemorySegment request(Arena arena, long mountId, long param, long mntNsId) {
        MemorySegment request = arena.allocate(MNT_ID_REQ_SIZE_VER1, 8); // zeroed: mnt_ns_fd unused
        request.set(JAVA_INT, 0, MNT_ID_REQ_SIZE_VER1);
        request.set(JAVA_LONG, REQ_MNT_ID, mountId);
        request.set(JAVA_LONG, REQ_PARAM, param);
        request.set(JAVA_LONG, REQ_MNT_NS_ID, mntNsId);
        return request;
    }

    @Override
    public Entered enter(int mntNsFd, int limit, List<String> paths, Duration timeout) throws NativeException {
        Visit visit = new Visit(mntNsFd, limit, paths);
        boolean finished;
        try {
            finished = DedicatedThread.runWithin("listns-mount-namespace", visit, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NativeException("enter mount namespace (interrupted)", ETIMEDOUT);
        }
        if (!finished) {
            throw new NativeException("enter mount namespace (no answer in " + timeout.toMillis() + " ms)", ETIMEDOUT);
        }
        if (visit.errno != 0) {
            throw new NativeException(visit.failedCall, visit.errno);
        }
        return new Entered(visit.table, visit.pathFds);
    }

    @Override
    public void close(int fd) {
        Libc.close(buffers.get().errno, fd);
    }

    /**
     * The body of the thread that enters a mount namespace. Why this is safe although everything inside
     * that namespace may be controlled by another user:
     * <ul>
     *   <li>It runs no program and loads no library: inside, it only makes system calls through the one
     *       downcall handle linked long before, on native memory it allocated before entering.</li>
     *   <li>It loads no class and links no call site inside: before entering, it runs the very same
     *       reads and opens once in listns's own namespace ({@link #warmUp}), so every class and
     *       method handle it uses is loaded, and even its failure path has been taken once. The JVM's
     *       other threads (JIT, GC) keep listns's own filesystem view, because this thread first
     *       unshares CLONE_FS, which setns(CLONE_NEWNS) requires anyway.</li>
     *   <li>It resolves no path through the namespace's /proc: the mount table comes from
     *       {@code mountinfo} relative to a descriptor of its own /proc/thread-self taken before
     *       entering, which the kernel answers for the thread's current mount namespace.</li>
     *   <li>The paths it opens there are opened with O_PATH (no driver's open runs: a FIFO cannot
     *       block it, a device cannot act on it) and with no symbolic link followed at all; the caller
     *       checks each descriptor's device and inode before reopening it for real.</li>
     *   <li>It ends afterwards, and its fs information with it; listns's other threads never entered.</li>
     * </ul>
     */
    private static final class Visit implements Runnable {
        private final int mntNsFd;
        private final int limit;
        private final List<String> paths;
        byte[] table = new byte[0];
        int[] pathFds;
        int errno;
        String failedCall;

        Visit(int mntNsFd, int limit, List<String> paths) {
            this.mntNsFd = mntNsFd;
            this.limit = limit;
            this.paths = paths;
            this.pathFds = new int[paths.size()];
            Arrays.fill(pathFds, -1);
        }

        @Override
        public void run() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = Libc.errnoState(arena);
                MemorySegment chunk = arena.allocate(READ_CHUNK, 8);
                MemorySegment how = arena.allocate(OPEN_HOW_SIZE, 8);
                how.set(JAVA_LONG, 0, O_PATH | O_CLOEXEC);
                how.set(JAVA_LONG, 16, RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
                MemorySegment mountinfo = arena.allocateFrom("mountinfo");
                MemorySegment[] cPaths = new MemorySegment[paths.size()];
                for (int i = 0; i < cPaths.length; i++) {
                    cPaths[i] = arena.allocateFrom(paths.get(i));
                }
                int self = (int) Libc.call("open /proc/thread-self", state, Libc.OPENAT, Libc.AT_FDCWD,
                        arena.allocateFrom("/proc/thread-self").address(), O_PATH | O_CLOEXEC, 0, 0);
                try {
                    warmUp(state, self, mountinfo, chunk, how, arena.allocateFrom("/"));
                    Libc.call("unshare(CLONE_FS)", state, Libc.UNSHARE, CLONE_FS, 0, 0, 0, 0);
                    Libc.call("setns(CLONE_NEWNS)", state, Libc.SETNS, mntNsFd, CLONE_NEWNS, 0, 0, 0);
                    // Inside the namespace from here on: system calls only (see the class comment).
                    if (limit > 0) {
                        table = read(state, self, mountinfo, chunk, limit);
                    }
                    for (int i = 0; i < cPaths.length; i++) {
                        pathFds[i] = openPath(state, cPaths[i], how);
                    }
                } finally {
                    Libc.close(state, self);
                }
            } catch (NativeException e) {
                failedCall = e.getMessage();
                errno = e.errno();
            }
        }

        /** Everything {@link #run} does inside, done once outside: reads, an open, and a failing call. */
        private static void warmUp(MemorySegment state, int self, MemorySegment mountinfo, MemorySegment chunk,
                MemorySegment how, MemorySegment root) throws NativeException {
            read(state, self, mountinfo, chunk, 1);
            int fd = openPath(state, root, how);
            Libc.close(state, fd);
            try {
                Libc.call("close", state, Libc.CLOSE, -1, 0, 0, 0, 0);
            } catch (NativeException expected) {
                // EBADF: the exception's class is now loaded, should a call inside fail
            }
        }

        private static byte[] read(MemorySegment state, int self, MemorySegment name, MemorySegment chunk, int limit)
                throws NativeException {
            int fd = (int) Libc.call("open mountinfo", state, Libc.OPENAT, self, name.address(), O_RDONLY | O_CLOEXEC, 0, 0);
            try {
                byte[] gathered = new byte[READ_CHUNK];
                int length = 0;
                while (length < limit) {
                    int n = (int) Libc.call("read mountinfo", state, Libc.READ, fd, chunk.address(),
                            Math.min(READ_CHUNK, limit - length), 0, 0);
                    if (n == 0) {
                        break;
                    }
                    if (length + n > gathered.length) {
                        gathered = Arrays.copyOf(gathered, Math.max(gathered.length * 2, length + n));
                    }
                    MemorySegment.copy(chunk, JAVA_BYTE, 0, gathered, length, n);
                    length += n;
                }
                return Arrays.copyOf(gathered, length);
            } finally {
                Libc.close(state, fd);
            }
        }

        /** An O_PATH descriptor, or -1: a path that is gone or leads through a link is simply not reached. */
        private static int openPath(MemorySegment state, MemorySegment path, MemorySegment how) {
            try {
                return (int) Libc.call("openat2", state, Libc.OPENAT2, Libc.AT_FDCWD, path.address(), how.address(),
                        OPEN_HOW_SIZE, 0);
            } catch (NativeException e) {
                return -1;
            }
        }
    }
}
