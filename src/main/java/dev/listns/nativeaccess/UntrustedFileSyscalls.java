package dev.listns.nativeaccess;

/**
 * Reads a file another program wrote, perhaps in a user's home, the way root must: no symbolic link
 * followed on any component of the path, nothing but a regular file with one link and the expected
 * owner, checked on the descriptor that is read (so no swap between a check and the open counts), and
 * at most {@code limit} bytes. Opening does not block on a FIFO. Implemented with {@code openat2(2)}
 * ({@code RESOLVE_NO_SYMLINKS}, Linux 5.6) and {@code fstat} through {@code statx(AT_EMPTY_PATH)} in
 * {@code dev.listns.nativeaccess.ffm}; see {@link NativeAccess#loadUntrustedFiles()}.
 */
public interface UntrustedFileSyscalls {
    /**
     * @param path  absolute; a symbolic link anywhere on it fails the call (ELOOP)
     * @param owner the uid the file must belong to
     * @throws NativeException with the errno of a failed call, or EINVAL for a file that is not a regular
     *                         file of {@code owner} with one link, or is larger than {@code limit}
     */
    byte[] readRegularFile(String path, int owner, int limit) throws NativeException;
}
