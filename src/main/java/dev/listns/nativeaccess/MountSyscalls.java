package dev.listns.nativeaccess;

import java.time.Duration;
import java.util.List;

/**
 * Reading the mount table of a mount namespace that listns is not in, without ever running a program
 * or resolving a path inside it. Two ways, which the kernel decides between:
 * <ul>
 *   <li>{@code listmount(2)} and {@code statmount(2)} (Linux 6.8) with the namespace named by its id
 *       ({@code NS_GET_MNTNS_ID}, Linux 6.11): the kernel answers from outside;</li>
 *   <li>on older kernels, a thread of its own that enters the namespace and reads its own
 *       {@code mountinfo} through a /proc directory it opened before entering (see the implementation
 *       for why that is safe).</li>
 * </ul>
 * Descriptors passed in are nsfs descriptors of listns's own, already verified by the caller.
 * Implemented with {@code java.lang.foreign} in {@code dev.listns.nativeaccess.ffm}.
 */
public interface MountSyscalls {

    /** NS_GET_MNTNS_ID (Linux 6.11): the 64-bit id listmount and statmount name a mount namespace by. */
    long mountNamespaceId(int mntNsFd) throws NativeException;

    /**
     * listmount(LSMT_ROOT): the unique ids of every mount in namespace {@code mntNsId}, at most {@code limit}.
     *
     * @throws NativeException ENOSYS before Linux 6.8; EINVAL where a foreign namespace cannot be named (before 6.11)
     */
    long[] listMounts(long mntNsId, int limit) throws NativeException;

    /**
     * statmount(2) of one mount with its root, mount point and filesystem type: the raw struct statmount
     * with its strings, for {@code dev.listns.scan.StatmountRecord} to decode.
     */
    byte[] statMount(long mntNsId, long mountId) throws NativeException;

    /**
     * Enters the namespace behind {@code mntNsFd} on a thread of its own and reads its mount table as the
     * namespace's own {@code mountinfo} shows it, at most {@code limit} bytes, then opens each of
     * {@code paths} there with O_PATH and no symbolic link followed. The thread ends afterwards.
     *
     * @param timeout how long to wait for the thread; a path on a filesystem that hangs (FUSE) can hold it
     * @throws NativeException ETIMEDOUT when the thread did not finish in time, or why it could not enter
     */
    Entered enter(int mntNsFd, int limit, List<String> paths, Duration timeout) throws NativeException;

    /**
     * What a thread that entered a mount namespace brought back.
     *
     * @param mountInfo the namespace's mountinfo text
     * @param pathFds   for each requested path, an O_PATH descriptor of listns's own, or -1; the caller
     *                  verifies each with {@link NamespaceSyscalls#status} and closes it
     */
    record Entered(byte[] mountInfo, int[] pathFds) {
    }

    /** close(fd); errors are ignored. */
    void close(int fd);
}
