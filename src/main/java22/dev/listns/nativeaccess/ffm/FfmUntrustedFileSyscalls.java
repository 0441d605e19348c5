package dev.listns.nativeaccess.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.listns.nativeaccess.NativeException;
import dev.listns.nativeaccess.UntrustedFileSyscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * {@link UntrustedFileSyscalls} through {@link Libc}. Flags and offsets are the Linux UAPI values, the
 * same on x86_64 and aarch64: {@code include/uapi/asm-generic/fcntl.h} (O_NONBLOCK, O_CLOEXEC; O_NOFOLLOW
 * differs between them and is not needed, since RESOLVE_NO_SYMLINKS covers the last component too),
 * {@code include/uapi/linux/openat2.h} (struct open_how, RESOLVE_*), {@code include/uapi/linux/stat.h}
 * (struct statx, STATX_*), {@code include/uapi/linux/fcntl.h} (AT_EMPTY_PATH, AT_STATX_DONT_SYNC).
 * Thread-safe: each call works in memory of its own.
 */
public final class FfmUntrustedFileSyscalls implements UntrustedFileSyscalls {
    private static final long O_RDONLY = 0;
    /** A FIFO planted where a file was expected opens at once instead of waiting for a writer. */
    private static final long O_NONBLOCK = 04000;
    private static final long O_CLOEXEC = 0x80000;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_NO_SYMLINKS = 0x04;
    private static final long OPEN_HOW_SIZE = 24;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int AT_STATX_DONT_SYNC = 0x4000;
    private static final int STATX_TYPE = 0x1;
    private static final int STATX_MODE = 0x2;
    private static final int STATX_NLINK = 0x4;
    private static final int STATX_UID = 0x8;
    private static final int STATX_SIZE = 0x200;
    private static final long STX_NLINK = 16;
    private static final long STX_UID = 20;
    private static final long STX_MODE = 28;
    private static final long STX_SIZE = 40;
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int CHUNK = 64 * 1024;

    /** Links the native call now, in the loader: see {@link Libc#link}. */
    public FfmUntrustedFileSyscalls() {
        Libc.link();
    }

    @Override
    public byte[] readRegularFile(String path, int owner, int limit) throws NativeException {
        if (path.indexOf('\0') >= 0) {
            throw new NativeException("path with a NUL", NativeException.EINVAL);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoState(arena);
            MemorySegment how = arena.allocate(OPEN_HOW_SIZE, 8);
            how.set(JAVA_LONG, 0, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
            how.set(JAVA_LONG, 16, RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
            int fd = (int) Libc.call("openat2", errno, Libc.OPENAT2, Libc.AT_FDCWD, arena.allocateFrom(path).address(),
                    how.address(), OPEN_HOW_SIZE, 0);
            try {
                // The descriptor's own file: whatever sits at the path now, this is what will be read.
                MemorySegment statx = arena.allocate(256, 8);
                Libc.call("statx", errno, Libc.STATX, fd, arena.allocateFrom("").address(),
                        AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_UID | STATX_SIZE,
                        statx.address());
                int mode = Short.toUnsignedInt(statx.get(JAVA_SHORT, STX_MODE));
                if ((mode & S_IFMT) != S_IFREG) {
                    throw refused("not a regular file");
                }
                if (statx.get(JAVA_INT, STX_UID) != owner) {
                    throw refused("owned by another user");
                }
                if (statx.get(JAVA_INT, STX_NLINK) != 1) {
                    throw refused("more than one hard link");
                }
                if (statx.get(JAVA_LONG, STX_SIZE) > limit) {
                    throw refused("larger than " + limit + " bytes");
                }
                return read(errno, arena, fd, limit);
            } finally {
                Libc.close(errno, fd);
            }
        }
    }

    /** Up to {@code limit} bytes; a file that grew past it since the fstat is refused, not cut. */
    private static byte[] read(MemorySegment errno, Arena arena, int fd, int limit) throws NativeException {
        MemorySegment chunk = arena.allocate(CHUNK, 8);
        byte[] gathered = new byte[Math.min(CHUNK, limit + 1)];
        int length = 0;
        while (true) {
            int n = (int) Libc.call("read", errno, Libc.READ, fd, chunk.address(), Math.min(CHUNK, limit + 1 - length), 0, 0);
            if (n == 0) {
                return Arrays.copyOf(gathered, length);
            }
            if (length + n > limit) {
                throw refused("grew past " + limit + " bytes");
            }
            if (length + n > gathered.length) {
                gathered = Arrays.copyOf(gathered, Math.min(limit + 1, Math.max(gathered.length * 2, length + n)));
            }
            MemorySegment.copy(chunk, JAVA_BYTE, 0, gathered, length, n);
            length += n;
        }
    }

    private static NativeException refused(String why) {
        return new NativeException("read of a file " + why, NativeException.EINVAL);
    }
}
