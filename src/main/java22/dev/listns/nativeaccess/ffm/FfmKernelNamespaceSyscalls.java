package dev.listns.nativeaccess.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.listns.nativeaccess.KernelNamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@link KernelNamespaceSyscalls} through {@link Libc}. Thread-safe: each thread has native buffers of
 * its own. Constants and layouts are the kernel's UAPI, the same on x86_64 and aarch64:
 * {@code include/uapi/linux/nsfs.h} (NS_GET_ID, NS_MNT_GET_NEXT/PREV, struct mnt_ns_info, struct
 * ns_id_req, struct nsfs_file_handle), {@code include/linux/exportfs.h} (FILEID_NSFS),
 * {@code include/uapi/linux/fcntl.h} (FD_NSFS_ROOT) and {@code include/uapi/asm-generic/fcntl.h}
 * (O_RDONLY, O_CLOEXEC).
 */
public final class FfmKernelNamespaceSyscalls implements KernelNamespaceSyscalls {
    /** _IOR(0xb7, 11, struct mnt_ns_info), Linux 6.12. */
    private static final long NS_MNT_GET_NEXT = 0x8010b70bL;
    /** _IOR(0xb7, 12, struct mnt_ns_info), Linux 6.12. */
    private static final long NS_MNT_GET_PREV = 0x8010b70cL;
    /** struct mnt_ns_info { __u32 size; __u32 nr_mounts; __u64 mnt_ns_id; }: MNT_NS_INFO_SIZE_VER0. */
    private static final int MNT_NS_INFO_SIZE_VER0 = 16;

    /**
     * struct ns_id_req { __u32 size; __u32 spare; __u64 ns_id; __u32 ns_type; __u32 spare2; __u64 user_ns_id; }:
     * NS_ID_REQ_SIZE_VER0. ns_type 0 is every type and user_ns_id 0 every owner; spares must be 0.
     */
    private static final int NS_ID_REQ_SIZE_VER0 = 32;
    private static final long REQ_NS_ID = 8;

    /** struct file_handle { __u32 handle_bytes; int handle_type; unsigned char f_handle[]; }. */
    private static final long FILE_HANDLE_HEADER = 8;
    /** struct nsfs_file_handle { __u64 ns_id; __u32 ns_type; __u32 ns_inum; }: NSFS_FILE_HANDLE_SIZE_VER0. */
    private static final int NSFS_FILE_HANDLE_SIZE_VER0 = 16;
    /** enum fid_type in include/linux/exportfs.h. */
    private static final int FILEID_NSFS = 0xf1;
    /** The nsfs root as open_by_handle_at's mount_fd (Linux 6.18, with nsfs file handles): no descriptor needed. */
    private static final long FD_NSFS_ROOT = -10003;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;

    private final ThreadLocal<ThreadBuffers> buffers = new ThreadBuffers.PerThread(64);

    /** Links the native call now, in the loader: see {@link Libc#link}. */
    public FfmKernelNamespaceSyscalls() {
        Libc.link();
    }

    @Override
    public long namespaceId(int nsFd) throws NativeException {
        return NsfsIds.ask(buffers.get(), "ioctl(NS_GET_ID)", nsFd, NsfsIds.NS_GET_ID);
    }

    @Override
    public long mountNamespaceId(int mntNsFd) throws NativeException {
        return NsfsIds.ask(buffers.get(), "ioctl(NS_GET_MNTNS_ID)", mntNsFd, NsfsIds.NS_GET_MNTNS_ID);
    }

    @Override
    public int nextMountNamespace(int mntNsFd, boolean previous) throws NativeException {
        ThreadBuffers s = buffers.get();
        // The kernel fills struct mnt_ns_info when given one; the new descriptor is what is wanted here.
        s.data.fill((byte) 0);
        s.data.set(JAVA_INT, 0, MNT_NS_INFO_SIZE_VER0);
        return (int) Libc.call(previous ? "ioctl(NS_MNT_GET_PREV)" : "ioctl(NS_MNT_GET_NEXT)", s.errno, Libc.IOCTL,
                mntNsFd, previous ? NS_MNT_GET_PREV : NS_MNT_GET_NEXT, s.data.address(), 0, 0);
    }

    @Override
    public int listNamespaces(long afterId, long[] ids) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            MemorySegment request = arena.allocate(NS_ID_REQ_SIZE_VER0, 8); // zeroed: all types, all owners
            request.set(JAVA_INT, 0, NS_ID_REQ_SIZE_VER0);
            request.set(JAVA_LONG, REQ_NS_ID, afterId); // the page starts after this id
            MemorySegment out = arena.allocate(8L * Math.max(ids.length, 1), 8);
            int n = (int) Libc.call("listns", state, Libc.LISTNS, request.address(), out.address(), ids.length, 0, 0);
            MemorySegment.copy(out, JAVA_LONG, 0, ids, 0, Math.min(n, ids.length));
            return n;
        }
    }

    @Override
    public int openById(long id, int type, long inode) throws NativeException {
        ThreadBuffers s = buffers.get();
        MemorySegment handle = s.data;
        handle.fill((byte) 0);
        handle.set(JAVA_INT, 0, NSFS_FILE_HANDLE_SIZE_VER0);
        handle.set(JAVA_INT, 4, FILEID_NSFS);
        handle.set(JAVA_LONG, FILE_HANDLE_HEADER, id);
        handle.set(JAVA_INT, FILE_HANDLE_HEADER + 8, type);
        handle.set(JAVA_INT, FILE_HANDLE_HEADER + 12, (int) inode); // ns_inum is a __u32
        return (int) Libc.call("open_by_handle_at", s.errno, Libc.OPEN_BY_HANDLE_AT, FD_NSFS_ROOT, handle.address(),
                O_RDONLY | O_CLOEXEC, 0, 0);
    }

    @Override
    public void close(int fd) {
        Libc.close(buffers.get().errno, fd);
    }
}
