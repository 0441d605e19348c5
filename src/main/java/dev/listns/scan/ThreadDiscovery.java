package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.nio.file.Path;
import java.util.Map;

/**
 * Threads whose namespaces differ from their process's (a thread may setns on its own). Only
 * multi-threaded processes are walked, which the process walk already counted.
 */
final class ThreadDiscovery implements HolderDiscovery {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        ProcFs proc = context.proc();
        for (ProcessEntry process : context.processes().processes()) {
            if (process.threads() <= 1) {
                continue;
            }
            Path taskDir = proc.pidDir(process.pid()).resolve("task");
            for (int tid : proc.numericEntries(taskDir)) {
                if (tid == process.pid()) {
                    continue;
                }
                Path threadDir = taskDir.resolve(Integer.toString(tid));
                NamespaceLinks links = NamespaceLinks.read(proc, threadDir, context.processes().linkNames());
                for (Map.Entry<NamespaceType, NamespaceId> link : links.own().entrySet()) {
                    if (!link.getValue().equals(process.links().own().get(link.getKey()))) {
                        model.add(link.getValue(), new Holders.Thread(tid, process.info()));
                        context.reachableVia(link.getValue(),
                                NamespaceAccess.ofPath(threadDir.resolve("ns").resolve(link.getKey().label())));
                    }
                }
            }
        }
    }
}
