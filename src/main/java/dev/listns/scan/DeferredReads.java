package dev.listns.scan;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanRequest;
import dev.listns.nativeaccess.FileStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What the walk left unread because only some output shows it, read at the end of the scan for the
 * holders that output will show: the command lines of processes wholly in the initial namespaces, and,
 * when asked for, the UIDs of processes.
 *
 * <p>Command lines are needed for every holder of a namespace other than the initial ones (a host daemon
 * may hold a container's namespace by fd), and for the initial namespaces' holders too when the request
 * asks. Each process is looked up afresh; its start time must still be the one the walk saw, or the PID
 * now names another process, whose argv and owner must not be told as this one's.
 */
final class DeferredReads {
    private final ProcFs proc;

    DeferredReads(ProcFs proc) {
        this.proc = proc;
    }

    List<Namespace> complete(List<Namespace> namespaces, ScanRequest request) {
        Map<Integer, ProcessInfo> unread = new LinkedHashMap<>();
        for (Namespace namespace : namespaces) {
            if (shown(namespace, request)) {
                for (Holder holder : namespace.holders()) {
                    if (holder instanceof Holders.Task task && incomplete(task.info(), request)) {
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
        for (ProcessInfo info : ParallelReads.map(waiting.size(), new Completion(waiting, request))) {
            read.put(info.pid(), info);
        }
        List<Namespace> completed = new ArrayList<>(namespaces.size());
        for (Namespace namespace : namespaces) {
            completed.add(shown(namespace, request) ? withReads(namespace, read, request) : namespace);
        }
        return completed;
    }

    /** Reads what each waiting process lacks; a class, not a lambda (see NativeAccess.loader). */
    private final class Completion implements IntFunction<ProcessInfo> {
        private final List<ProcessInfo> waiting;
        private final ScanRequest request;

        Completion(List<ProcessInfo> waiting, ScanRequest request) {
            this.waiting = waiting;
            this.request = request;
        }

        @Override
        public ProcessInfo apply(int index) {
            return complete(waiting.get(index), request);
        }
    }

    private static boolean shown(Namespace namespace, ScanRequest request) {
        return !namespace.initial() || request.initialCommands();
    }

    private static boolean incomplete(ProcessInfo info, ScanRequest request) {
        return !info.commandRead() || request.uids() && info.uid() == ProcessInfo.UNKNOWN_UID;
    }

    private ProcessInfo complete(ProcessInfo info, ScanRequest request) {
        try (ProcessDirectory dir = proc.process(info.pid())) {
            String command = info.commandRead() ? info.command() : CommandLines.now(dir, info.name());
            int uid = request.uids() ? owner(dir) : info.uid();
            if (!ProcStat.startedAt(dir, info.startTime())) {
                // Another process has the PID now, or none: nothing read here is this one's.
                command = info.commandRead() ? info.command() : CommandLines.bracketed(info.name());
                uid = info.uid();
            }
            return new ProcessInfo(info.pid(), info.ppid(), info.name(), command, info.startTime(), info.container(), uid);
        }
    }


    /** The owner of the process's directory, as lsns reads a process's UID. */
    private static int owner(ProcessDirectory dir) {
        FileStatus status = dir.statOrDenied(".").status();
        return status == null ? ProcessInfo.UNKNOWN_UID : status.uid();
    }

    private static Namespace withReads(Namespace namespace, Map<Integer, ProcessInfo> read, ScanRequest request) {
        List<Holder> holders = new ArrayList<>(namespace.holders().size());
        for (Holder holder : namespace.holders()) {
            if (holder instanceof Holders.Task task && incomplete(task.info(), request)) {
                holders.add(new Holders.Task(task.link(), task.tid(), task.fd(), read.get(task.info().pid())));
            } else {
                holders.add(holder);
            }
        }
        return namespace.withHolders(holders);
    }
}
