package dev.listns.scan;

import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NativeException;
import java.util.Optional;

/**
 * Whether a thread shares its process's descriptor table, so that the walk reads a thread's table only
 * when it has one of its own (after unshare(CLONE_FILES)): a few hundred threads of one process would
 * otherwise cost as much as a few hundred processes. The kernel answers (kcmp) where listns reads the
 * live /proc of its own PID namespace natively; elsewhere nothing is known, and every thread's table is
 * read and compared with the process's.
 */
@FunctionalInterface
interface FileTableSharing {
    FileTableSharing UNKNOWN = new Unknown();

    /** False when the tables differ, and also when it cannot be told (gone, not permitted, no native calls). */
    boolean knownShared(int pid, int tid);

    static FileTableSharing of(ProcFs proc) {
        Optional<FileSyscalls> sys = proc.pidSyscalls();
        if (sys.isEmpty()) {
            return UNKNOWN;
        }
        return new Kcmp(sys.get());
    }

    // Classes, not lambdas: a run that spins no lambda spares the JVM its lambda machinery (see NativeAccess.loader).

    /** Nothing known: every thread's table is read. */
    final class Unknown implements FileTableSharing {
        @Override
        public boolean knownShared(int pid, int tid) {
            return false;
        }
    }

    /** The kernel's answer, kcmp(KCMP_FILES). */
    record Kcmp(FileSyscalls sys) implements FileTableSharing {
        @Override
        public boolean knownShared(int pid, int tid) {
            try {
                return sys.sameFileTable(pid, tid);
            } catch (NativeException e) {
                return false;
            }
        }
    }
}
