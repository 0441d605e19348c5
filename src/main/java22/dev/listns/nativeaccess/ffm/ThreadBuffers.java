package dev.listns.nativeaccess.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.listns.nativeaccess.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * One thread's native memory for system calls, made once: a scan makes hundreds of thousands of
 * calls, and none of them allocates. Each syscall class keeps one per thread in a ThreadLocal.
 */
final class ThreadBuffers {
    private static final int PATH_MAX = 4096;
    private static final int ENAMETOOLONG = 36;
    private static final long STATX_SIZE = 256;

    /** Where {@link Libc#call} leaves errno. */
    final MemorySegment errno;
    /** A C path, written by {@link #cPath}. */
    final MemorySegment path;
    /** A struct statx. */
    final MemorySegment statx;
    /** One int, for ioctls that answer through a pointer. */
    final MemorySegment word;
    /** What the kernel reads into: file contents, a link, directory entries. */
    final MemorySegment data;
    /** Java-side room for a path or a link's text on its way to or from native memory. */
    final byte[] text = new byte[PATH_MAX + 1];

    /**
     * Each thread's buffers, made at its first call: a subclass rather than ThreadLocal.withInitial's
     * lambda, which the JVM would spin a class for at every start (see the README's "Speed").
     */
    static final class PerThread extends ThreadLocal<ThreadBuffers> {
        private final long dataBytes;

        PerThread(long dataBytes) {
            this.dataBytes = dataBytes;
        }

        @Override
        protected ThreadBuffers initialValue() {
            return new ThreadBuffers(dataBytes);
        }
    }

    ThreadBuffers(long dataBytes) {
        Arena arena = Arena.ofAuto(); // freed with these buffers, when their thread's ThreadLocal lets go
        errno = Libc.errnoState(arena);
        path = arena.allocate(PATH_MAX + 1L);
        statx = arena.allocate(STATX_SIZE, 8);
        word = arena.allocate(8, 8);
        data = arena.allocate(Math.max(dataBytes, 1), 8);
    }

    /** The path as a C string in {@link #path}, by address; a NUL inside would silently name a different file. */
    long cPath(String name) throws NativeException {
        int length = ascii(name);
        byte[] bytes = text;
        if (length < 0) {
            bytes = name.getBytes(StandardCharsets.UTF_8);
            length = bytes.length;
        }
        if (length > PATH_MAX) {
            throw new NativeException("path", ENAMETOOLONG);
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                throw new NativeException("path", NativeException.EINVAL);
            }
        }
        MemorySegment.copy(bytes, 0, path, JAVA_BYTE, 0, length);
        path.set(JAVA_BYTE, length, (byte) 0);
        return path.address();
    }

    /** Copies an ASCII name into {@link #text} and answers its length; -1 when it is not ASCII or too long. */
    private int ascii(String name) {
        int length = name.length();
        if (length > PATH_MAX) {
            return -1;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            text[i] = (byte) c;
        }
        return length;
    }
}
