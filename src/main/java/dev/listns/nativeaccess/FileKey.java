package dev.listns.nativeaccess;

/**
 * Device and inode: what identifies a file, and for nsfs files, a namespace. The device is encoded as
 * glibc's {@code st_dev} is, so keys from {@link FileSyscalls#stat} and from the JDK's "unix:dev" compare equal.
 */
public record FileKey(long device, long inode) {
}
