package dev.listns.columns;

import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.ProcessInfo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a tree hangs namespaces under ({@code -T}): their owner, their parent, or their first process's parent. */
public enum TreeRelation {
    /** The owning user namespace. */
    OWNER,
    /** The parent user or PID namespace. */
    PARENT,
    /**
     * The namespace line of the first process's parent process, as lsns's process tree: where the parent
     * process is the first of several namespaces, the last of those printed before this one.
     */
    PROCESS;

    /**
     * Which namespace each one hangs under, among {@code namespaces} (in the order printed); a namespace
     * with none there is a root.
     */
    public Map<NamespaceId, NamespaceId> ups(List<Namespace> namespaces) {
        Map<NamespaceId, NamespaceId> ups = new LinkedHashMap<>();
        if (this == PROCESS) {
            Map<Integer, NamespaceId> lastLineOf = new HashMap<>();
            for (Namespace ns : namespaces) {
                Optional<ProcessInfo> first = Lines.firstProcess(ns);
                if (first.isPresent()) {
                    NamespaceId parentLine = lastLineOf.get(first.get().ppid());
                    if (parentLine != null) {
                        ups.put(ns.id(), parentLine);
                    }
                    lastLineOf.put(first.get().pid(), ns.id());
                }
            }
            return ups;
        }
        // Plain loops, no lambdas: each is a class a cold JVM spins (README "Speed").
        Map<NamespaceId, Namespace> present = new HashMap<>();
        for (Namespace ns : namespaces) {
            present.put(ns.id(), ns);
        }
        for (Namespace ns : namespaces) {
            Optional<NamespaceId> up = this == OWNER ? ns.owner() : ns.parent();
            if (up.isPresent() && present.containsKey(up.get()) && !up.get().equals(ns.id())) {
                ups.put(ns.id(), up.get());
            }
        }
        return ups;
    }
}
