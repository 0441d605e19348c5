package dev.listns.nativeaccess;

/**
 * What recent kernels answer about namespaces themselves, rather than about the processes in them:
 * a 64-bit namespace id that is never handed out again ({@code NS_GET_ID}, Linux 6.18), the list of
 * every mount namespace ({@code NS_MNT_GET_NEXT}/{@code NS_MNT_GET_PREV}, Linux 6.12), the list of
 * every active namespace ({@code listns(2)}, Linux 6.19), and a namespace opened by its id through an
 * nsfs file handle ({@code open_by_handle_at}, Linux 6.18). On older kernels each call fails with
 * ENOTTY, EINVAL or ENOSYS, which the caller takes as "not here".
 *
 * <p>Descriptors passed in are nsfs descriptors of listns's own, already checked by the caller;
 * descriptors returned belong to listns and must be given back with {@link #close(int)}. Implemented
 * with {@code java.lang.foreign} in {@code dev.listns.nativeaccess.ffm}; see {@link NativeAccess#loadKernel()}.
 */
public interface KernelNamespaceSyscalls {

    /** ioctl(NS_GET_ID): the id of the namespace behind {@code nsFd}. */
    long namespaceId(int nsFd) throws NativeException;

    /**
     * ioctl(NS_GET_MNTNS_ID), Linux 6.11: the id of the mount namespace behind {@code mntNsFd}, the
     * number NS_GET_ID answers for it from Linux 6.18 on.
     */
    long mountNamespaceId(int mntNsFd) throws NativeException;

    /**
     * ioctl(NS_MNT_GET_NEXT), or NS_MNT_GET_PREV when {@code previous}: a new descriptor for the mount
     * namespace after (before) the one behind {@code mntNsFd} in the kernel's list of all of them.
     *
     * @throws NativeException ENOENT past the end of the list; EPERM for a caller without CAP_SYS_ADMIN
     *                         over the next namespace
     */
    int nextMountNamespace(int mntNsFd, boolean previous) throws NativeException;

    /**
     * listns(2): the ids of active namespaces above {@code afterId}, ascending, into {@code ids}.
     *
     * @return how many were written; fewer than {@code ids.length} only at the end of the list
     * @throws NativeException ENOSYS before Linux 6.19
     */
    int listNamespaces(long afterId, long[] ids) throws NativeException;

    /**
     * open_by_handle_at(2) with an nsfs file handle: a new descriptor for the namespace with this id.
     * {@code type} (a CLONE_NEW* flag) and {@code inode} may be 0 from Linux 6.19 on; Linux 6.18 needs them.
     *
     * @throws NativeException ESTALE or ENOENT when no active namespace has the id; EPERM when the caller
     *                         may not open it
     */
    int openById(long id, int type, long inode) throws NativeException;

    /** close(fd); errors are ignored. */
    void close(int fd);
}
