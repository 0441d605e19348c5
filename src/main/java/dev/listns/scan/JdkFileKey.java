package dev.listns.scan;

import dev.listns.nativeaccess.FileStatus;

import java.nio.file.attribute.BasicFileAttributes;

/**
 * Device and inode from the file key of the JDK's basic attributes, read by its text: on Linux the key is
 * {@code sun.nio.fs.UnixFileKey}, which prints as {@code (dev=HEX,ino=DECIMAL)} from stat(2)'s
 * {@code st_dev} and {@code st_ino}, as in every JDK from 7 to 25. Any other text gives null, and the
 * caller reads the attribute view instead: a JDK that changes the format makes listns slower, never wrong.
 */
final class JdkFileKey {
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final String DEVICE = "(dev=";
    private static final String INODE = ",ino=";

    private JdkFileKey() {
    }

    /** The status the attributes tell: regular files and directories by type, anything else untold; no owner. */
    static FileStatus status(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        if (key == null) {
            return null;
        }
        String text = key.toString();
        int comma = text.indexOf(INODE);
        if (!text.startsWith(DEVICE) || comma < 0 || !text.endsWith(")")) {
            return null;
        }
        long device = number(text, DEVICE.length(), comma, 16);
        long inode = number(text, comma + INODE.length(), text.length() - 1, 10);
        if (device < 0 || inode < 0) {
            return null;
        }
        int type = attributes.isRegularFile() ? S_IFREG : attributes.isDirectory() ? S_IFDIR : 0;
        return new FileStatus(device, inode, type);
    }

    /** The unsigned number in {@code text} from {@code start} to {@code end}, or -1 (empty, bad digit, or 63 bits exceeded). */
    private static long number(String text, int start, int end, int radix) {
        if (start >= end || end - start > (radix == 16 ? 15 : 18)) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(text.charAt(i), radix);
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }
}
