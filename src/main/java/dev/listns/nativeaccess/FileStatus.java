package dev.listns.nativeaccess;

/**
 * What stat(2) tells listns about a file. Device and inode identify a file, and for nsfs files, a
 * namespace; the device is encoded as glibc's {@code st_dev} is, so statuses from {@link FileSyscalls#stat}
 * and from the JDK's "unix:dev" compare equal. {@code mode} is {@code st_mode}: type and permissions.
 */
public record FileStatus(long device, long inode, int mode) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    public boolean isSocket() {
        return (mode & S_IFMT) == S_IFSOCK;
    }
}
