package dev.listns.scan;

import dev.listns.model.NamespaceId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the descriptors of a process that can matter to namespaces: nsfs files and sockets. A
 * descriptor is never opened: its link text names pseudo-files, and stat through /proc/PID/fd/N (which
 * cannot block) tells nsfs files opened through a bind-mount path, whose link text is that path, or "/"
 * once unmounted.
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

    private final Optional<Long> nsfsDevice;

    /** @param nsfsDevice the device number of nsfs; without it, no descriptor opened by path is recognised */
    OpenFiles(Optional<Long> nsfsDevice) {
        this.nsfsDevice = nsfsDevice;
    }

    /**
     * The process's table, and the private tables of its threads: a thread that called
     * unshare(CLONE_FILES) has a table of its own; shared ones read the same.
     *
     * @param tids the process's threads, listed only when it has more than one
     */
    ProcessFiles read(ProcessDirectory dir, int pid, int[] tids) {
        List<NamespaceFd> namespaces = new ArrayList<>(0);
        List<Integer> sockets = new ArrayList<>(0);
        Map<Integer, String> own = table(dir, "fd", 0, namespaces, sockets);
        // Where the process's own table is unreadable (a protected init), its threads' are too.
        if (own != null) {
            for (int tid : tids) {
                if (tid != pid) {
                    threadTable(dir, tid, own, namespaces);
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
    private Map<Integer, String> table(ProcessDirectory dir, String fdDir, int tid, List<NamespaceFd> namespaces,
            List<Integer> sockets) {
        Map<Integer, String> targets = new HashMap<>();
        for (int fd : dir.numericEntries(fdDir)) {
            String link = fdDir + "/" + fd;
            ProcFs.LinkTarget target = dir.readLink(link);
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
                if (nsfsDevice.isPresent()) {
                    dir.stat(link).filter(key -> key.device() == nsfsDevice.get())
                            .ifPresent(key -> namespaces.add(new NamespaceFd(tid, fd, key.inode(), Optional.empty())));
                }
            } else {
                NamespaceId.parse(text).ifPresent(id -> namespaces.add(new NamespaceFd(tid, fd, id.inode(), Optional.of(id))));
            }
        }
        return targets;
    }

    /** The nsfs descriptors a thread's table has and the process's does not; sockets there are not reachable by pidfd. */
    private void threadTable(ProcessDirectory dir, int tid, Map<Integer, String> own, List<NamespaceFd> namespaces) {
        List<NamespaceFd> found = new ArrayList<>(0);
        Map<Integer, String> targets = table(dir, "task/" + tid + "/fd", tid, found, new ArrayList<>(0));
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
