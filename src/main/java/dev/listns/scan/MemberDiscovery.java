package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.Map;

/** Processes in their namespaces, and {@code *_for_children} links that point elsewhere. */
final class MemberDiscovery implements HolderDiscovery {

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        for (ProcessEntry process : context.processes().processes()) {
            add(context, model, process);
        }
    }

    // A method per process, not a loop body: the JIT compiles it after a few hundred processes, where a
    // long loop inside one call would run interpreted until on-stack replacement, thousands later.
    private static void add(ScanContext context, ModelBuilder model, ProcessEntry process) {
        Holders.Member member = new Holders.Member(process.info());
        for (Map.Entry<NamespaceType, NamespaceId> link : process.links().own().entrySet()) {
            // Asked only when the namespace first turns up, not again for each of its thousands of members.
            if (model.addMember(link.getValue(), member) && !context.isReachable(link.getValue())) {
                context.reachableVia(link.getValue(), NamespaceAccess.ofPath(
                        context.proc().pidDir(process.pid()).resolve("ns").resolve(link.getKey().label())));
            }
        }
        for (Map.Entry<NamespaceType, NamespaceId> link : process.links().forChildren().entrySet()) {
            if (!link.getValue().equals(process.links().own().get(link.getKey()))) {
                model.add(link.getValue(), new Holders.ForChildren(process.info()));
                context.reachableVia(link.getValue(), NamespaceAccess.ofPath(context.proc().pidDir(process.pid())
                        .resolve("ns").resolve(link.getKey().label() + "_for_children")));
            }
        }
    }
}
