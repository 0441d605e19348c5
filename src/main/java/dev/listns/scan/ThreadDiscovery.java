package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.nio.file.Path;
import java.util.Map;

/**
 * Threads whose namespaces differ from their process's (a thread may setns on its own). The walk reads
 * the threads of multi-threaded processes and keeps those that strayed.
 */
final class ThreadDiscovery implements HolderDiscovery {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        for (ProcessEntry process : context.processes().processes()) {
            for (Map.Entry<Integer, NamespaceLinks> stray : process.strayThreads().entrySet()) {
                Path threadDir = context.proc().pidDir(process.pid()).resolve("task").resolve(Integer.toString(stray.getKey()));
                for (Map.Entry<NamespaceType, NamespaceId> link : stray.getValue().own().entrySet()) {
                    if (!link.getValue().equals(process.links().own().get(link.getKey()))) {
                        model.add(link.getValue(), new Holders.Thread(stray.getKey(), process.info()));
                        context.reachableVia(link.getValue(), NamespaceAccess.ofPath(threadDir.resolve("ns").resolve(link.getKey().label())));
                    }
                }
            }
        }
    }
}
