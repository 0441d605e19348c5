package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Threads whose namespaces differ from their process's (a thread may setns on its own). Only
 * multi-threaded processes are walked, which the process walk already counted.
 */
final class ThreadDiscovery implements HolderDiscovery {

    /** A thread in at least one namespace its process is not in. */
    private record Stray(ProcessEntry process, int tid, Path dir, NamespaceLinks links) {
    }

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        // Reading is independent per process and syscall-bound, so it runs on all cores; the model is fed after.
        List<Stray> strays = context.processes().processes().parallelStream()
                // A process whose own links are unreadable (a protected init) has unreadable threads too.
                .filter(process -> process.threads() > 1 && !process.links().isEmpty())
                .flatMap(process -> strays(context, process).stream())
                .collect(Collectors.toList());
        for (Stray stray : strays) {
            for (Map.Entry<NamespaceType, NamespaceId> link : stray.links().own().entrySet()) {
                if (!link.getValue().equals(stray.process().links().own().get(link.getKey()))) {
                    model.add(link.getValue(), new Holders.Thread(stray.tid(), stray.process().info()));
                    context.reachableVia(link.getValue(),
                            NamespaceAccess.ofPath(stray.dir().resolve("ns").resolve(link.getKey().label())));
                }
            }
        }
    }

    private static List<Stray> strays(ScanContext context, ProcessEntry process) {
        ProcFs proc = context.proc();
        Path taskDir = proc.pidDir(process.pid()).resolve("task");
        List<Stray> strays = new ArrayList<>(0);
        for (int tid : proc.numericEntries(taskDir)) {
            if (tid == process.pid()) {
                continue;
            }
            Path threadDir = taskDir.resolve(Integer.toString(tid));
            NamespaceLinks links = NamespaceLinks.read(proc, threadDir, context.processes().linkNames());
            if (!links.own().equals(process.links().own())) {
                strays.add(new Stray(process, tid, threadDir, links));
            }
        }
        return strays;
    }
}
