package dev.listns.scan;

import dev.listns.model.NamespaceId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The descriptors of each process that can matter to namespaces: nsfs files and sockets. Listed
 * once per process and shared by the fd and socket discoveries. A descriptor is never opened: its
 * link text names pseudo-files, and stat through /proc/PID/fd/N (which cannot block) tells nsfs
 * files opened through a bind-mount path, whose link text is that path, or "/" once unmounted.
 */
final class OpenFiles {
    private static final String SOCKET = "socket:[";

    /**
     * An nsfs descriptor; {@code id} is empty when only the inode is known (opened by path).
     * {@code tid} is 0 for the process's own table, else the thread whose private table holds it.
     */
    record NamespaceFd(int tid, int fd, long inode, Optional<NamespaceId> id) {
    }

    record ProcessFiles(List<NamespaceFd> namespaces, List<Integer> sockets) {
        static final ProcessFiles NONE = new ProcessFiles(List.of(), List.of());
    }

    private final ScanContext context;
    private final Map<Integer, ProcessFiles> byPid = new ConcurrentHashMap<>();

    OpenFiles(ScanContext context) {
        this.context = context;
    }

    ProcessFiles of(ProcessEntry process) {
        return of(process.pid(), process.threads());
    }

    /** @param threads the thread count: only multi-threaded processes can have per-thread tables */
    ProcessFiles of(int pid, int threads) {
        return byPid.computeIfAbsent(pid, p -> read(pid, threads));
    }

    /** Lists every process's descriptors at once, on all cores: the reads are independent and syscall-bound. */
    void readAll(ProcessTable processes) {
        processes.processes().parallelStream().forEach(this::of);
    }

    private ProcessFiles read(int pid, int threads) {
        ProcFs proc = context.proc();
        Path pidDir = proc.pidDir(pid);
        List<NamespaceFd> namespaces = new ArrayList<>(0);
        List<Integer> sockets = new ArrayList<>(0);
        Map<Integer, String> own = table(pidDir.resolve("fd"), 0, namespaces, sockets);
        // Where the process's own table is unreadable (a protected init), its threads' are too.
        if (threads > 1 && own != null) {
            // A thread that called unshare(CLONE_FILES) has a table of its own; shared ones read the same.
            Path taskDir = pidDir.resolve("task");
            for (int tid : proc.numericEntries(taskDir)) {
                if (tid != pid) {
                    threadTable(taskDir.resolve(Integer.toString(tid)).resolve("fd"), tid, own, namespaces);
                }
            }
        }
        return namespaces.isEmpty() && sockets.isEmpty() ? ProcessFiles.NONE
                : new ProcessFiles(Collections.unmodifiableList(namespaces), Collections.unmodifiableList(sockets));
    }

    /**
     * Reads one descriptor table into the lists; answers every fd's link text, to compare thread tables
     * with, or null when the links cannot be read (then no later one of this process can be either).
     */
    private Map<Integer, String> table(Path fdDir, int tid, List<NamespaceFd> namespaces, List<Integer> sockets) {
        ProcFs proc = context.proc();
        Map<Integer, String> targets = new HashMap<>();
        for (int fd : proc.numericEntries(fdDir)) {
            Path link = fdDir.resolve(Integer.toString(fd));
            ProcFs.LinkTarget target = proc.readLinkOrDenied(link);
            if (target.target() == null) {
                if (target.denied()) {
                    return null;
                }
                continue;
            }
            String text = target.target();
            targets.put(fd, text);
            if (text.startsWith(SOCKET)) {
                sockets.add(fd);
            } else if (text.startsWith("/")) {
                Optional<Long> nsfs = context.nsfsDevice();
                proc.stat(link).filter(key -> nsfs.isPresent() && key.device() == nsfs.get())
                        .ifPresent(key -> namespaces.add(new NamespaceFd(tid, fd, key.inode(), Optional.empty())));
            } else {
                NamespaceId.parse(text).ifPresent(id -> namespaces.add(new NamespaceFd(tid, fd, id.inode(), Optional.of(id))));
            }
        }
        return targets;
    }

    /** The nsfs descriptors a thread's table has and the process's does not; sockets there are not reachable by pidfd. */
    private void threadTable(Path fdDir, int tid, Map<Integer, String> own, List<NamespaceFd> namespaces) {
        List<NamespaceFd> found = new ArrayList<>(0);
        Map<Integer, String> targets = table(fdDir, tid, found, new ArrayList<>(0));
        if (targets == null || targets.equals(own)) {
            return;
        }
        for (NamespaceFd open : found) {
            if (!targets.get(open.fd()).equals(own.get(open.fd()))) {
                namespaces.add(open);
            }
        }
    }
}
