package dev.listns.scan;

import dev.listns.model.NamespaceId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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

    /** An nsfs descriptor; {@code id} is empty when only the inode is known (opened by path). */
    record NamespaceFd(int fd, long inode, Optional<NamespaceId> id) {
    }

    record ProcessFiles(List<NamespaceFd> namespaces, List<Integer> sockets) {
        static final ProcessFiles NONE = new ProcessFiles(List.of(), List.of());
    }

    private final ScanContext context;
    private final Map<Integer, ProcessFiles> byPid = new ConcurrentHashMap<>();

    OpenFiles(ScanContext context) {
        this.context = context;
    }

    ProcessFiles of(int pid) {
        return byPid.computeIfAbsent(pid, this::read);
    }

    /** Lists every process's descriptors at once, on all cores: the reads are independent and syscall-bound. */
    void readAll(ProcessTable processes) {
        processes.processes().parallelStream().forEach(process -> of(process.pid()));
    }

    private ProcessFiles read(int pid) {
        ProcFs proc = context.proc();
        Path fdDir = proc.pidDir(pid).resolve("fd");
        List<NamespaceFd> namespaces = new ArrayList<>(0);
        List<Integer> sockets = new ArrayList<>(0);
        for (int fd : proc.numericEntries(fdDir)) {
            Path link = fdDir.resolve(Integer.toString(fd));
            Optional<String> target = proc.readLink(link);
            if (target.isEmpty()) {
                continue;
            }
            String text = target.get();
            if (text.startsWith(SOCKET)) {
                sockets.add(fd);
            } else if (text.startsWith("/")) {
                Optional<Long> nsfs = context.nsfsDevice();
                proc.stat(link).filter(key -> nsfs.isPresent() && key.device() == nsfs.get())
                        .ifPresent(key -> namespaces.add(new NamespaceFd(fd, key.inode(), Optional.empty())));
            } else {
                NamespaceId.parse(text).ifPresent(id -> namespaces.add(new NamespaceFd(fd, id.inode(), Optional.of(id))));
            }
        }
        return namespaces.isEmpty() && sockets.isEmpty() ? ProcessFiles.NONE
                : new ProcessFiles(Collections.unmodifiableList(namespaces), Collections.unmodifiableList(sockets));
    }
}
