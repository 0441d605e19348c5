package dev.listns.scan;

import dev.listns.model.NamespaceId;
import dev.listns.nativeaccess.FileStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Reads the descriptors of a process that can matter to namespaces: nsfs files and sockets. A
 * descriptor is never opened: stat through /proc/PID/fd/N tells its device and type (natively without
 * waiting for a network file system), which catches nsfs files opened through a bind-mount path too,
 * whose link text is only that path, or "/" once unmounted.
 */
final class OpenFiles {
    private static final String SOCKET = "socket:[";

    /**
     * An nsfs descriptor; {@code id} is empty when only the inode is known (opened by path).
     * {@code tid} is 0 for the process's own table, else the thread whose private table holds it.
     */
    record NamespaceFd(int tid, int fd, long inode, Optional<NamespaceId> id) {
    }

    /** A socket in a thread's own descriptor table that its process's table does not have. */
    record ThreadSocket(int tid, int fd) {
    }

    record ProcessFiles(List<NamespaceFd> namespaces, List<Integer> sockets, List<ThreadSocket> threadSockets) {
        static final ProcessFiles NONE = new ProcessFiles(List.of(), List.of(), List.of());
    }

    private final Optional<Long> nsfsDevice;
    private final FileTableSharing sharing;
    private final boolean sockets;

    /**
     * @param nsfsDevice the device number of nsfs; without it, no descriptor opened by path is recognised
     * @param sockets whether sockets are told from other descriptors: only where their namespaces can be
     *                asked (Java 22+). Java 17 to 21 cannot, and telling a socket from a pipe or a device
     *                costs them a link read per descriptor, and a full stat per one that links to a path
     *                (every daemon's /dev/null), which was also the JIT's costliest method on a crowded host.
     */
    OpenFiles(Optional<Long> nsfsDevice, FileTableSharing sharing, boolean sockets) {
        this.nsfsDevice = nsfsDevice;
        this.sharing = sharing;
        this.sockets = sockets;
    }

    /** Whether every one of the threads is known to share the process's table: then reading it read theirs. */
    boolean sharesAll(int pid, int[] tids) {
        for (int tid : tids) {
            if (tid != pid && !sharing.knownShared(pid, tid)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The process's table, and the private tables of its threads: a thread that called
     * unshare(CLONE_FILES) has a table of its own; one not known to share the process's is read, and
     * shared ones read the same.
     *
     * @param tids the process's threads, listed only when it has more than one
     */
    ProcessFiles read(ProcessDirectory dir, int pid, int[] tids) {
        List<NamespaceFd> namespaces = new ArrayList<>(0);
        List<Integer> sockets = new ArrayList<>(0);
        // Most processes are single-threaded: no lists for their threads' tables.
        List<Integer> privateTables = tids.length == 0 ? List.of() : new ArrayList<>(0);
        for (int tid : tids) {
            if (tid != pid && !sharing.knownShared(pid, tid)) {
                privateTables.add(tid);
            }
        }
        List<ThreadSocket> threadSockets = privateTables.isEmpty() ? List.of() : new ArrayList<>(0);
        // What the process's fds refer to is kept only to compare its threads' tables with: most have none.
        Map<Integer, Object> own = privateTables.isEmpty() ? null : new HashMap<>();
        // Where the process's own table is unreadable (a protected init), its threads' are too.
        if (table(dir, "fd", 0, namespaces, sockets, own) && !privateTables.isEmpty()) {
            // Without kcmp every thread's table is read: a server JVM's 200 threads of 1,000 descriptors
            // each are 200,000 stats, so they are read on every core (fewer than two chunks of
            // ParallelReads, on this thread alone).
            for (ThreadFiles thread : ParallelReads.map(privateTables.size(), new ThreadTables(this, dir, privateTables, own))) {
                namespaces.addAll(thread.namespaces());
                for (int fd : thread.sockets()) {
                    threadSockets.add(new ThreadSocket(thread.tid(), fd));
                }
            }
        }
        return namespaces.isEmpty() && sockets.isEmpty() && threadSockets.isEmpty() ? ProcessFiles.NONE
                : new ProcessFiles(Collections.unmodifiableList(namespaces), Collections.unmodifiableList(sockets),
                        Collections.unmodifiableList(threadSockets));
    }

    /**
     * Reads one descriptor table into the lists, and into {@code opened} (if not null) what every fd
     * refers to, to compare thread tables with. Answers false when the descriptors cannot be read (then no
     * later one of this process can be). One stat per descriptor tells sockets and nsfs files from
     * everything else (most descriptors); only nsfs ones have their link read, which names the type when
     * they were opened through /proc. Through the JDK, whose cheap stat does not tell sockets from pipes
     * and devices, those have their link read too.
     */
    private boolean table(ProcessDirectory dir, String fdDir, int tid, List<NamespaceFd> namespaces,
            List<Integer> sockets, Map<Integer, Object> opened) {
        for (int fd : dir.numericEntries(fdDir)) {
            Object target = descriptor(dir, fdDir + "/" + fd, tid, fd, namespaces, sockets);
            if (target == DENIED) {
                return false;
            }
            if (opened != null && target != null) {
                opened.put(fd, target);
            }
        }
        return true;
    }

    /** What {@link #descriptor} answers for a descriptor that exists but may not be read: no later one can be. */
    private static final Object DENIED = new Object();

    /**
     * Adds one descriptor to the lists if it is an nsfs file or a socket. Answers what it refers to, to
     * compare with another table's: the directory's {@link ProcFs.Stat#key}, or the link's text when it
     * can no longer be followed; null when neither is left (closed), {@link #DENIED} when not permitted.
     */
    private Object descriptor(ProcessDirectory dir, String link, int tid, int fd, List<NamespaceFd> namespaces,
            List<Integer> sockets) {
        ProcFs.Stat stat = dir.identifyOrDenied(link);
        if (stat.denied()) {
            return DENIED;
        }
        FileStatus status = stat.status();
        if (status == null) {
            // Closed meanwhile, or a link that cannot be followed: its text may still say what it was.
            String text = dir.readLink(link).target();
            if (text != null) {
                classify(text, tid, fd, namespaces, this.sockets ? sockets : null);
            }
            return text;
        }
        if (this.sockets && (status.isSocket() || status.typeUntold() && isSocket(dir, link))) {
            sockets.add(fd);
        } else if (nsfsDevice.isPresent() && status.device() == nsfsDevice.get()) {
            String text = dir.readLink(link).target();
            Optional<NamespaceId> id = text == null ? Optional.empty() : NamespaceId.parse(text);
            if (id.isPresent() && id.get().inode() != status.inode()) {
                id = Optional.empty();
            }
            namespaces.add(new NamespaceFd(tid, fd, status.inode(), id));
        }
        return stat.key();
    }

    /**
     * For a descriptor whose stat did not tell a socket from a pipe or a device: a socket's link says
     * {@code socket:[INODE]}, a pipe's {@code pipe:[INODE]}; only a link to a path (a device, a named pipe,
     * a socket file opened with O_PATH) needs the full stat.
     */
    private static boolean isSocket(ProcessDirectory dir, String link) {
        String text = dir.readLink(link).target();
        if (text == null || !text.startsWith("/")) {
            return text != null && text.startsWith(SOCKET);
        }
        FileStatus status = dir.statOrDenied(link).status();
        return status != null && status.isSocket();
    }

    /** @param sockets null when sockets are not told apart */
    private static void classify(String text, int tid, int fd, List<NamespaceFd> namespaces, List<Integer> sockets) {
        if (text.startsWith(SOCKET)) {
            if (sockets != null) {
                sockets.add(fd);
            }
        } else {
            Optional<NamespaceId> id = NamespaceId.parse(text);
            if (id.isPresent()) {
                namespaces.add(new NamespaceFd(tid, fd, id.get().inode(), id));
            }
        }
    }

    /** What one thread's own table holds that its process's does not. */
    private record ThreadFiles(int tid, List<NamespaceFd> namespaces, List<Integer> sockets) {
    }

    /**
     * Reads the table of the thread at each index, each through its own handle on the process's directory,
     * since one handle serves one thread (a class, not a lambda: see NativeAccess.loader).
     */
    private record ThreadTables(OpenFiles reader, ProcessDirectory dir, List<Integer> tids, Map<Integer, Object> own)
            implements IntFunction<ThreadFiles> {
        @Override
        public ThreadFiles apply(int index) {
            try (ProcessDirectory thread = dir.another()) {
                return reader.threadTable(thread, tids.get(index), own);
            }
        }
    }

    /**
     * The nsfs descriptors and sockets a thread's table has and the process's does not. Each descriptor is
     * first asked only for its {@link ProcessDirectory#sameFileKey}: one that leads to the very file the
     * process's has under the same number (all of them, in a table read without kcmp that is in fact
     * shared) is not looked at further. That spares Java 17 to 21 most of the work of comparing tables.
     */
    private ThreadFiles threadTable(ProcessDirectory dir, int tid, Map<Integer, Object> own) {
        String fdDir = "task/" + tid + "/fd";
        List<NamespaceFd> found = new ArrayList<>(0);
        List<Integer> sockets = new ArrayList<>(0);
        for (int fd : dir.numericEntries(fdDir)) {
            String link = fdDir + "/" + fd;
            Object processes = own.get(fd);
            Object key = processes == null ? null : dir.sameFileKey(link);
            if (key != null && key.equals(processes)) {
                continue;
            }
            int namespacesBefore = found.size();
            int socketsBefore = sockets.size();
            Object target = descriptor(dir, link, tid, fd, found, sockets);
            if (target == DENIED) {
                return new ThreadFiles(tid, List.of(), List.of());
            }
            if (target != null && target.equals(processes)) {
                // the same file after all (the key could not be told): not the thread's own
                truncate(found, namespacesBefore);
                truncate(sockets, socketsBefore);
            }
        }
        return new ThreadFiles(tid, found, sockets);
    }

    private static void truncate(List<?> list, int size) {
        while (list.size() > size) {
            list.remove(list.size() - 1);
        }
    }
}
