package dev.listns.nativeaccess.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NativeException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link FileSyscalls} through {@link Libc}. Thread-safe: each thread reads into native buffers of its
 * own, made once, so a call allocates nothing native.
 *
 * <p>Flags and struct offsets are the Linux UAPI values shared by x86_64 and aarch64; O_DIRECTORY,
 * which differs between them, is not used (getdents64 on a non-directory fails with ENOTDIR anyway).
 */
public final class FfmFileSyscalls implements FileSyscalls {
    private static final int O_RDONLY = 0;
    private static final int O_PATH = 0x200000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int BUFFER = 64 * 1024;

    // statx rather than fstatat: struct statx has one layout on every architecture, struct stat does not.
    private static final int STATX_TYPE = 0x1;
    private static final int STATX_MODE = 0x2;
    private static final int STATX_UID = 0x8;
    private static final int STATX_INO = 0x100;
    // A cached answer is enough for dev, ino and mode; never wait for a network file system to revalidate.
    private static final int AT_STATX_DONT_SYNC = 0x4000;
    private static final int KCMP_FILES = 2;
    private static final long STX_UID = 20;
    private static final long STX_MODE = 28;
    private static final long STX_INO = 32;
    private static final long STX_DEV_MAJOR = 136;
    private static final long STX_DEV_MINOR = 140;

    // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[]
    private static final long DIRENT_RECLEN = 16;
    private static final long DIRENT_NAME = 19;

    private final ThreadLocal<ThreadBuffers> buffers = new ThreadBuffers.PerThread(BUFFER);
    /** Per thread: where file contents gather, grown for long ones. */
    private final ThreadLocal<byte[]> heap = new ThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[BUFFER];
        }
    };

    /** Links the native call now, in the loader: see {@link Libc#link}. */
    public FfmFileSyscalls() {
        Libc.link();
    }

    @Override
    public int openDirectory(int dirFd, String path) throws NativeException {
        return open(buffers.get(), dirFd, path, O_PATH | O_CLOEXEC);
    }

    @Override
    public byte[] read(int dirFd, String path, int limit) throws NativeException {
        ThreadBuffers s = buffers.get();
        int fd = open(s, dirFd, path, O_RDONLY | O_CLOEXEC);
        try {
            byte[] gathered = heap.get();
            int length = 0;
            while (true) {
                int n = (int) Libc.call("read", s.errno, Libc.READ, fd, s.data.address(), Math.min(BUFFER, limit - length),
                        0, 0);
                if (n == 0) {
                    return Arrays.copyOf(gathered, length);
                }
                if (length + n > gathered.length) {
                    gathered = Arrays.copyOf(gathered, Math.max(gathered.length * 2, length + n));
                    heap.set(gathered);
                }
                MemorySegment.copy(s.data, JAVA_BYTE, 0, gathered, length, n);
                length += n;
            }
        } finally {
            Libc.close(s.errno, fd);
        }
    }

    @Override
    public String readLink(int dirFd, String path) throws NativeException {
        ThreadBuffers s = buffers.get();
        long cPath = s.cPath(path);
        // Links are at most PATH_MAX long, so the text buffer holds any of them.
        int n = (int) Libc.call("readlinkat", s.errno, Libc.READLINKAT, dirFd, cPath, s.data.address(), s.text.length, 0);
        MemorySegment.copy(s.data, JAVA_BYTE, 0, s.text, 0, n);
        return new String(s.text, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public int[] numericEntries(int dirFd, String path) throws NativeException {
        ThreadBuffers s = buffers.get();
        int fd = open(s, dirFd, path, O_RDONLY | O_CLOEXEC);
        try {
            int[] found = new int[16];
            int count = 0;
            while (true) {
                long n = Libc.call("getdents64", s.errno, Libc.GETDENTS64, fd, s.data.address(), BUFFER, 0, 0);
                if (n == 0) {
                    int[] result = Arrays.copyOf(found, count);
                    Arrays.sort(result);
                    return result;
                }
                for (long offset = 0; offset < n; offset += Short.toUnsignedInt(s.data.get(JAVA_SHORT, offset + DIRENT_RECLEN))) {
                    int value = number(s.data, offset + DIRENT_NAME);
                    if (value >= 0) {
                        if (count == found.length) {
                            found = Arrays.copyOf(found, count * 2);
                        }
                        found[count++] = value;
                    }
                }
            }
        } finally {
            Libc.close(s.errno, fd);
        }
    }

    @Override
    public FileStatus stat(int dirFd, String path) throws NativeException {
        ThreadBuffers s = buffers.get();
        long cPath = s.cPath(path);
        Libc.call("statx", s.errno, Libc.STATX, dirFd, cPath, AT_STATX_DONT_SYNC, STATX_TYPE | STATX_MODE | STATX_UID | STATX_INO,
                s.statx.address());
        long major = Integer.toUnsignedLong(s.statx.get(JAVA_INT, STX_DEV_MAJOR));
        long minor = Integer.toUnsignedLong(s.statx.get(JAVA_INT, STX_DEV_MINOR));
        int mode = Short.toUnsignedInt(s.statx.get(JAVA_SHORT, STX_MODE));
        return new FileStatus(makedev(major, minor), s.statx.get(JAVA_LONG, STX_INO), mode, s.statx.get(JAVA_INT, STX_UID));
    }

    @Override
    public boolean sameFileTable(int pid, int tid) throws NativeException {
        return Libc.call("kcmp", buffers.get().errno, Libc.KCMP, pid, tid, KCMP_FILES, 0, 0) == 0;
    }

    @Override
    public void close(int fd) {
        Libc.close(buffers.get().errno, fd);
    }

    /** glibc's st_dev encoding of a major and minor number (gnu_dev_makedev). */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    private static int open(ThreadBuffers s, int dirFd, String path, int flags) throws NativeException {
        return (int) Libc.call("openat", s.errno, Libc.OPENAT, dirFd, s.cPath(path), flags, 0, 0);
    }

    /** The decimal number a NUL-terminated name spells, or -1 (".", "..", "self", over nine digits). */
    private static int number(MemorySegment data, long offset) {
        int value = 0;
        int digits = 0;
        for (long i = offset; ; i++) {
            byte b = data.get(JAVA_BYTE, i);
            if (b == 0) {
                return digits == 0 ? -1 : value;
            }
            if (b < '0' || b > '9' || ++digits > 9) {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
    }
}
