package dev.listns.containers;

import dev.listns.nativeaccess.NativeAccess;
import dev.listns.nativeaccess.NativeException;
import dev.listns.nativeaccess.UntrustedFileSyscalls;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads one file of a container engine's state, which another program wrote, perhaps in a user's
 * home: below a directory already resolved to its real path, no symbolic link is followed on any
 * component, and only a regular file of the expected owner with one link, of at most {@code limit}
 * bytes, is read. Anything else fails with an exception whose message says why (for --debug).
 */
interface StateFileReader {
    /**
     * @param realBase a directory's real path (no symbolic link in it), which root alone can change
     * @param relative the names below it, each a plain file name
     */
    byte[] read(Path realBase, List<String> relative, int owner, int limit) throws IOException;

    /**
     * openat2 and fstat on the opened file where this JVM (22+) and kernel (5.6+) have them, else the
     * JDK's file API. The native calls are loaded at the first read, not here: on a cold JVM loading them
     * waits for the scan's link of native calls, and the engine lookup prepares itself meanwhile.
     */
    static StateFileReader best() {
        return new Best(new JavaStateFileReader());
    }

    /** See {@link #best}; a class, not a lambda (see NativeAccess.loader). */
    final class Best implements StateFileReader {
        private final StateFileReader java;
        private Optional<UntrustedFileSyscalls> sys;

        Best(StateFileReader java) {
            this.java = java;
        }

        private synchronized Optional<UntrustedFileSyscalls> sys() {
            if (sys == null) {
                sys = NativeAccess.loadUntrustedFiles();
            }
            return sys;
        }

        @Override
        public byte[] read(Path realBase, List<String> relative, int owner, int limit) throws IOException {
            Optional<UntrustedFileSyscalls> calls = sys();
            if (calls.isEmpty()) {
                return java.read(realBase, relative, owner, limit);
            }
            String path = realBase.resolve(String.join("/", relative)).toString();
            try {
                return calls.get().readRegularFile(path, owner, limit);
            } catch (NativeException e) {
                if (e.errno() == NativeException.ENOSYS) {
                    return java.read(realBase, relative, owner, limit);
                }
                throw new FileSystemException(path, null, e.getMessage());
            }
        }
    }
}
