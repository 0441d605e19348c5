package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.nio.file.Path;
import java.util.Map;

/**
 * Threads whose namespaces differ from their process's (a thread may setns or unshare on its own), and
 * {@code *_for_children} links that only a thread has. The walk reads the threads of multi-threaded
 * processes and keeps those that strayed.
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
                int tid = stray.getKey();
                NamespaceLinks links = stray.getValue();
                Path nsDir = context.proc().pidDir(process.pid()).resolve("task").resolve(Integer.toString(tid)).resolve("ns");
                for (Map.Entry<NamespaceType, NamespaceId> link : links.own().entrySet()) {
                    if (!link.getValue().equals(process.links().own().get(link.getKey()))) {
                        model.add(link.getValue(), Holders.thread(tid, process.info()));
                        context.reachableVia(link.getValue(),
                                NamespaceAccess.ofNamespaceLink(context.proc(), nsDir.resolve(link.getKey().label())));
                    }
                }
                // Held for the thread's future children only, unless it is where the thread is or what its
                // process's own link already says (that holder is the process's).
                for (Map.Entry<NamespaceType, NamespaceId> link : links.forChildren().entrySet()) {
                    NamespaceId id = link.getValue();
                    if (!id.equals(links.own().get(link.getKey())) && !id.equals(process.links().forChildren().get(link.getKey()))) {
                        model.add(id, Holders.threadForChildren(tid, process.info()));
                        context.reachableVia(id, NamespaceAccess.ofNamespaceLink(context.proc(),
                                nsDir.resolve(link.getKey().label() + "_for_children")));
                    }
                }
            }
        }
    }
}
