package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Processes in their namespaces, and {@code *_for_children} links that point elsewhere. */
final class MemberDiscovery implements HolderDiscovery {

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        Adder adder = new Adder(context, model);
        for (ProcessEntry process : context.processes().processes()) {
            adder.add(process);
        }
    }

    private static final class Adder {
        private final ScanContext context;
        private final ModelBuilder model;
        /** The namespaces of the last link set met: most processes share their links object (see NamespaceLinks). */
        private NamespaceLinks lastLinks;
        private List<ModelBuilder.Members> lastMembers;

        Adder(ScanContext context, ModelBuilder model) {
            this.context = context;
            this.model = model;
        }

        // A method per process, not a loop body: the JIT compiles it after a few hundred processes, where a
        // long loop inside one call would run interpreted until on-stack replacement, thousands later.
        void add(ProcessEntry process) {
            Holders.Task member = Holders.member(process.info());
            if (process.links() != lastLinks) {
                lastMembers = membersOf(process);
                lastLinks = process.links();
            }
            for (ModelBuilder.Members members : lastMembers) {
                members.add(member);
            }
            for (Map.Entry<NamespaceType, NamespaceId> link : process.links().forChildren().entrySet()) {
                if (!link.getValue().equals(process.links().own().get(link.getKey()))) {
                    model.add(link.getValue(), Holders.forChildren(process.info()));
                    context.reachableVia(link.getValue(), NamespaceAccess.ofNamespaceLink(context.proc(),
                            context.proc().pidDir(process.pid()).resolve("ns").resolve(link.getKey().label() + "_for_children")));
                }
            }
        }

        private List<ModelBuilder.Members> membersOf(ProcessEntry process) {
            List<ModelBuilder.Members> all = new ArrayList<>(process.links().own().size());
            for (Map.Entry<NamespaceType, NamespaceId> link : process.links().own().entrySet()) {
                // Asked only when the namespace first turns up, not again for each of its thousands of members.
                if (model.ensure(link.getValue()) && !context.isReachable(link.getValue())) {
                    context.reachableVia(link.getValue(), NamespaceAccess.ofNamespaceLink(context.proc(),
                            context.proc().pidDir(process.pid()).resolve("ns").resolve(link.getKey().label())));
                }
                all.add(model.members(link.getValue()));
            }
            return all;
        }
    }
}
