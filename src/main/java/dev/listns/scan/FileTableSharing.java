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
    FileTableSharing UNKNOWN = (pid, tid) -> false;

    /** False when the tables differ, and also when it cannot be told (gone, not permitted, no native calls). */
    boolean knownShared(int pid, int tid);

    static FileTableSharing of(ProcFs proc) {
        Optional<FileSyscalls> sys = proc.pidSyscalls();
        if (sys.isEmpty()) {
            return UNKNOWN;
        }
        return (pid, tid) -> {
            try {
                return sys.get().sameFileTable(pid, tid);
            } catch (NativeException e) {
                return false;
            }
        };
    }
}
