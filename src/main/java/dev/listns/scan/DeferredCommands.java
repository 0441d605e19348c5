package dev.listns.scan;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command lines the walk left unread, those of processes wholly in the initial namespaces, read
 * at the end of the scan for the holders that output will show: every holder of a namespace other
 * than the initial ones (a host daemon may hold a container's namespace by fd), and the initial
 * namespaces' too when the request asks for them.
 */
final class DeferredCommands {
    private final ProcFs proc;

    DeferredCommands(ProcFs proc) {
        this.proc = proc;
    }

    List<Namespace> complete(List<Namespace> namespaces, ScanRequest request) {
        Map<Integer, ProcessInfo> unread = new LinkedHashMap<>();
        for (Namespace namespace : namespaces) {
            if (shown(namespace, request)) {
                for (Holder holder : namespace.holders()) {
                    if (holder instanceof Holders.Task task && !task.info().commandRead()) {
                        unread.putIfAbsent(task.info().pid(), task.info());
                    }
                }
            }
        }
        if (unread.isEmpty()) {
            return namespaces;
        }
        List<ProcessInfo> waiting = new ArrayList<>(unread.values());
        Map<Integer, ProcessInfo> read = new HashMap<>();
        for (ProcessInfo info : ParallelReads.map(waiting.size(), i -> withCommand(waiting.get(i)))) {
            read.put(info.pid(), info);
        }
        List<Namespace> completed = new ArrayList<>(namespaces.size());
        for (Namespace namespace : namespaces) {
            completed.add(shown(namespace, request) ? withCommands(namespace, read) : namespace);
        }
        return completed;
    }

    private static boolean shown(Namespace namespace, ScanRequest request) {
        return !namespace.initial() || request.initialCommands();
    }

    private ProcessInfo withCommand(ProcessInfo info) {
        return new ProcessInfo(info.pid(), info.ppid(), info.name(),
                CommandLines.later(proc, info.pid(), info.name(), info.startTime()), info.startTime(), info.container(),
                info.uid());
    }

    private static Namespace withCommands(Namespace namespace, Map<Integer, ProcessInfo> read) {
        List<Holder> holders = new ArrayList<>(namespace.holders().size());
        for (Holder holder : namespace.holders()) {
            if (holder instanceof Holders.Task task && !task.info().commandRead()) {
                holders.add(new Holders.Task(task.link(), task.tid(), task.fd(), read.get(task.info().pid())));
            } else {
                holders.add(holder);
            }
        }
        return namespace.withHolders(holders);
    }
}
