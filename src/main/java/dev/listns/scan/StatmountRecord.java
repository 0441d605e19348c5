package dev.listns.scan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Decodes what statmount(2) answered for one mount into the fields a bind-mount holder needs. The
 * layout is struct statmount of the kernel's {@code include/uapi/linux/mount.h}: a fixed part of 512
 * bytes (its size has stayed 512 since Linux 6.8 as new fields took the place of spare ones), then
 * the strings, each NUL-terminated, at the offsets the fixed part gives relative to {@code str}.
 * Integers are in the machine's byte order. Anything inconsistent (a size beyond the buffer, a string
 * that runs past the end, a field the kernel did not fill) decodes to nothing rather than to a guess.
 */
final class StatmountRecord {
    /** sizeof(struct statmount) without its strings: offset of {@code str[]}. */
    static final int FIXED_SIZE = 512;
    static final long STATMOUNT_MNT_BASIC = 0x2;
    static final long STATMOUNT_MNT_ROOT = 0x8;
    static final long STATMOUNT_MNT_POINT = 0x10;
    static final long STATMOUNT_FS_TYPE = 0x20;
    static final long REQUIRED = STATMOUNT_MNT_BASIC | STATMOUNT_MNT_ROOT | STATMOUNT_MNT_POINT | STATMOUNT_FS_TYPE;

    // Offsets in struct statmount.
    static final int SIZE = 0;
    static final int MASK = 8;
    static final int FS_TYPE = 36;
    static final int MNT_ID_OLD = 56;
    static final int MNT_ROOT = 104;
    static final int MNT_POINT = 108;

    private StatmountRecord() {
    }

    /**
     * @return the mount with its mountinfo-style id (mnt_id_old, as /proc/PID/mountinfo numbers it, so
     *         the two ways of reading a table name a mount alike), root, mount point and type
     */
    static Optional<MountInfo.Mount> decode(byte[] record) {
        if (record.length < FIXED_SIZE) {
            return Optional.empty();
        }
        ByteBuffer fixed = ByteBuffer.wrap(record).order(ByteOrder.nativeOrder());
        long size = Integer.toUnsignedLong(fixed.getInt(SIZE));
        long mask = fixed.getLong(MASK);
        if (size < FIXED_SIZE || size > record.length || (mask & REQUIRED) != REQUIRED) {
            return Optional.empty();
        }
        int end = (int) size;
        Optional<String> type = string(record, fixed.getInt(FS_TYPE), end);
        Optional<String> root = string(record, fixed.getInt(MNT_ROOT), end);
        Optional<String> point = string(record, fixed.getInt(MNT_POINT), end);
        if (type.isEmpty() || root.isEmpty() || point.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MountInfo.Mount(fixed.getInt(MNT_ID_OLD), root.get(), point.get(), type.get()));
    }

    /** The NUL-terminated string at {@code offset} after the fixed part; statmount gives it unescaped. */
    private static Optional<String> string(byte[] record, int offset, int end) {
        long start = FIXED_SIZE + Integer.toUnsignedLong(offset);
        for (long i = start; i < end; i++) {
            if (record[(int) i] == 0) {
                return Optional.of(Utf8.DECODER.decode(record, (int) start, (int) i));
            }
        }
        return Optional.empty();
    }
}
