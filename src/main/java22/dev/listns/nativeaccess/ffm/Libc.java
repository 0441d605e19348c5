package dev.listns.nativeaccess.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/** Linking to glibc, shared by the syscall classes here: downcall handles, errno capture, and error mapping. */
@SuppressWarnings("restricted") // linking to libc is the whole purpose of this package
final class Libc {
    static final Linker LINKER = Linker.nativeLinker();
    /** The layout of the segment a downcall made by {@link #errnoHandle} writes errno into. */
    static final StructLayout CAPTURE_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private Libc() {
    }

    static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    /** A handle whose first argument is a {@link #CAPTURE_STATE} segment that receives errno after the call. */
    static MethodHandle errnoHandle(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = Linker.Option.captureCallState("errno");
        return handle(name, descriptor, all);
    }

    static int errno(MemorySegment captureState) {
        return (int) ERRNO.get(captureState, 0L);
    }

    /** A downcall only throws on a programming error (wrong handle type), never for a failed syscall. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }
}
