package dev.listns.nativeaccess;

/**
 * What stat(2) tells listns about a file. Device and inode identify a file, and for nsfs files, a
 * namespace; the device is encoded as glibc's {@code st_dev} is, so statuses from {@link FileSyscalls#stat}
 * and from the JDK's "unix:dev" compare equal. {@code mode} is {@code st_mode}: type and permissions.
 * {@code uid} is {@code st_uid}, or {@link #UNKNOWN_UID} where the call did not ask for it.
 */
public record FileStatus(long device, long inode, int mode, int uid) {
    public static final int UNKNOWN_UID = -1;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    /** A status without the owner: the namespace calls need only what identifies a file. */
    public FileStatus(long device, long inode, int mode) {
        this(device, inode, mode, UNKNOWN_UID);
    }

    public boolean isSocket() {
        return (mode & S_IFMT) == S_IFSOCK;
    }

    /**
     * Whether the type among socket, pipe and device is unknown: {@code mode} is then 0, which no real
     * {@code st_mode} is. The JDK's cheapest stat tells only regular files and directories from the rest.
     */
    public boolean typeUntold() {
        return (mode & S_IFMT) == 0;
    }

    // Written out, as the compiler would generate them: the generated ones bootstrap ObjectMethods on
    // first use, milliseconds of a cold start, and the walk compares descriptor tables with these.
    @Override
    public boolean equals(Object other) {
        return other instanceof FileStatus that && device == that.device && inode == that.inode && mode == that.mode
                && uid == that.uid;
    }

    @Override
    public int hashCode() {
        return ((Long.hashCode(device) * 31 + Long.hashCode(inode)) * 31 + Integer.hashCode(mode)) * 31 + Integer.hashCode(uid);
    }
}
