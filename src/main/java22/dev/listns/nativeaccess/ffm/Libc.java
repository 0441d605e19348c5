package dev.listns.nativeaccess.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.listns.nativeaccess.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * The one native function listns calls: glibc's {@code syscall(2)}, with errno captured. Every system
 * call goes through this single downcall handle because each distinct native signature costs the JVM
 * several milliseconds to link, and more to compile, at every start; listns lives a fraction of a second.
 *
 * <p>System call numbers differ between architectures: x86_64 and aarch64 are known here, and on any
 * other the class fails to load, so listns reads /proc through the JDK instead.
 */
@SuppressWarnings("restricted") // linking to libc is the whole purpose of this package
final class Libc {
    static final long READ;
    static final long CLOSE;
    static final long IOCTL;
    static final long SOCKET;
    static final long SENDTO;
    static final long RECVFROM;
    static final long GETDENTS64;
    static final long OPENAT;
    static final long READLINKAT;
    static final long STATX;
    static final long KCMP;
    static final long UNSHARE;
    static final long SETNS;
    /** open_by_handle_at(2): before the unified numbering (x86_64 syscall_64.tbl 304, asm-generic unistd.h 265). */
    static final long OPEN_BY_HANDLE_AT;
    // Added after the per-architecture tables were unified (arch/*/entry/syscalls, uapi asm-generic
    // unistd.h): the same everywhere.
    static final long PIDFD_OPEN = 434;
    static final long OPENAT2 = 437;
    static final long PIDFD_GETFD = 438;
    static final long STATMOUNT = 457;
    static final long LISTMOUNT = 458;
    /** listns(2), Linux 6.19: "470 common listns" in syscall_64.tbl and scripts/syscall.tbl. */
    static final long LISTNS = 470;

    static {
        switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> {
                READ = 0;
                CLOSE = 3;
                IOCTL = 16;
                SOCKET = 41;
                SENDTO = 44;
                RECVFROM = 45;
                GETDENTS64 = 217;
                OPENAT = 257;
                READLINKAT = 267;
                STATX = 332;
                KCMP = 312;
                UNSHARE = 272;
                SETNS = 308;
                OPEN_BY_HANDLE_AT = 304;
            }
            case "aarch64" -> {
                IOCTL = 29;
                OPENAT = 56;
                CLOSE = 57;
                GETDENTS64 = 61;
                READ = 63;
                READLINKAT = 78;
                SOCKET = 198;
                SENDTO = 206;
                RECVFROM = 207;
                KCMP = 272;
                STATX = 291;
                UNSHARE = 97;
                SETNS = 268;
                OPEN_BY_HANDLE_AT = 265;
            }
            default -> throw new UnsatisfiedLinkError("no system call numbers for " + System.getProperty("os.arch"));
        }
    }

    /** AT_FDCWD: a dirfd meaning "relative to the working directory", for absolute paths. */
    static final long AT_FDCWD = -100;

    private static final StructLayout CAPTURE_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    // glibc reads syscall()'s arguments as longs, so every one is passed as a long (pointers as addresses).
    private static final MethodHandle SYSCALL = Linker.nativeLinker().downcallHandle(libcSymbol("syscall"),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    private Libc() {
    }

    /** The symbol's address in the C library (an if, not orElseThrow's lambda: see ThreadBuffers.PerThread). */
    private static MemorySegment libcSymbol(String name) {
        Optional<MemorySegment> symbol = Linker.nativeLinker().defaultLookup().find(name);
        if (symbol.isEmpty()) {
            throw new UnsatisfiedLinkError("libc has no symbol " + name);
        }
        return symbol.get();
    }

    /**
     * Links the downcall, if this class has not done so yet (its initialisation does it). Every
     * implementation calls this when it is made, so that linking happens in the loader: there it costs
     * the scan's linking thread rather than whichever thread calls first, and a failure (an
     * architecture without system call numbers here) makes the loader answer empty, so listns reads
     * through the JDK and says what it could not look for, instead of failing at its first call.
     */
    static void link() {
        // nothing to do: being called initialises the class
    }

    /** A segment for {@link #call} to leave errno in; reusable by one thread. */
    static MemorySegment errnoState(Arena arena) {
        return arena.allocate(CAPTURE_STATE);
    }

    /**
     * Makes system call {@code number}; unused arguments are 0.
     *
     * @throws NativeException with the errno when the kernel answers an error
     */
    static long call(String name, MemorySegment errnoState, long number, long a, long b, long c, long d, long e)
            throws NativeException {
        long result;
        try {
            result = (long) SYSCALL.invokeExact(errnoState, number, a, b, c, d, e);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (result == -1) {
            throw new NativeException(name, (int) ERRNO.get(errnoState, 0L));
        }
        return result;
    }

    /** close(2), whose failure nothing can be done about: Linux frees the descriptor even then. */
    static void close(MemorySegment errnoState, int fd) {
        try {
            call("close", errnoState, CLOSE, fd, 0, 0, 0, 0);
        } catch (NativeException ignored) {
            // not retried: see above
        }
    }

    /** A downcall only throws on a programming error (wrong handle type), never for a failed syscall. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
