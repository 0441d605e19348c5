package dev.listns.audit;

import dev.listns.model.Holder;
import dev.listns.model.HolderKind;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a recorded state with a new one and says which namespaces appeared and which disappeared.
 * The identity rule is described in the package documentation; in short, the same boot, the same
 * type and inode, and then the same kernel id where both scans have one (Linux 6.18; mount
 * namespaces 6.11), else at least one recorded holder still there.
 */
final class ChangeDetector {
    private ChangeDetector() {
    }

    static List<Change> compare(AuditState recorded, AuditState now) {
        Set<NamespaceId> continuing = recorded.bootId().equals(now.bootId())
                ? continuing(index(recorded.namespaces()), index(now.namespaces()))
                : Set.of(); // inodes, PIDs and start times all start over at boot
        List<Change> changes = new ArrayList<>();
        for (Namespace ns : recorded.namespaces()) {
            if (!continuing.contains(ns.id())) {
                changes.add(new Change(Change.Kind.DISAPPEARED, ns));
            }
        }
        for (Namespace ns : now.namespaces()) {
            if (!continuing.contains(ns.id())) {
                changes.add(new Change(Change.Kind.APPEARED, ns));
            }
        }
        changes.sort(Change.ORDER);
        return changes;
    }

    private static Set<NamespaceId> continuing(Map<NamespaceId, Namespace> before, Map<NamespaceId, Namespace> after) {
        Set<NamespaceId> continuing = new HashSet<>();
        Deque<NamespaceId> settled = new ArrayDeque<>();
        // Namespaces that can continue only through a shared reference, by the namespace referred to.
        Map<NamespaceId, List<NamespaceId>> waitingOn = new HashMap<>();
        for (Map.Entry<NamespaceId, Namespace> entry : before.entrySet()) {
            Namespace then = entry.getValue();
            Namespace current = after.get(entry.getKey());
            if (current == null) {
                continue;
            }
            if (then.nsId().isPresent() && current.nsId().isPresent()) {
                // The kernel never hands an id out again within a boot: the ids alone decide, both ways.
                if (then.nsId().getAsLong() == current.nsId().getAsLong()) {
                    continuing.add(then.id());
                    settled.add(then.id());
                }
                continue;
            }
            if (!Collections.disjoint(directKeys(then), directKeys(current))) {
                continuing.add(then.id());
                settled.add(then.id());
                continue;
            }
            Set<Reference> shared = references(then);
            shared.retainAll(references(current));
            for (Reference reference : shared) {
                List<NamespaceId> waiting = waitingOn.get(reference.target());
                if (waiting == null) {
                    waiting = new ArrayList<>();
                    waitingOn.put(reference.target(), waiting);
                }
                waiting.add(then.id());
            }
        }
        // A reference proves continuity only if the namespace it points at continues; following the
        // references outward from the directly proven ones settles chains of any length, and cycles
        // (which the kernel does not allow anyway) cannot prove themselves.
        while (!settled.isEmpty()) {
            for (NamespaceId dependent : waitingOn.getOrDefault(settled.poll(), List.of())) {
                if (continuing.add(dependent)) {
                    settled.add(dependent);
                }
            }
        }
        return continuing;
    }

    /** What the holders prove on their own (see {@link Holder#proof()}). */
    private static Set<String> directKeys(Namespace ns) {
        // Loops, not streams and lambdas: see StateWriter.
        Set<String> keys = new HashSet<>();
        for (Holder holder : ns.holders()) {
            Optional<String> proof = holder.proof();
            if (proof.isPresent()) {
                keys.add(proof.get());
            }
        }
        return keys;
    }

    private static Set<Reference> references(Namespace ns) {
        Set<Reference> references = new HashSet<>();
        for (Holder holder : ns.holders()) {
            Optional<NamespaceId> target = holder.referenced();
            if (target.isPresent()) {
                references.add(new Reference(holder.kind(), target.get()));
            }
        }
        return references;
    }

    /** A holder that is another namespace: a child, or one owned by a user namespace. */
    private record Reference(HolderKind relation, NamespaceId target) {
        // Written out, as generated: the generated ones bootstrap ObjectMethods on a cold JVM.
        @Override
        public boolean equals(Object other) {
            return other instanceof Reference that && relation == that.relation && target.equals(that.target);
        }

        @Override
        public int hashCode() {
            return relation.hashCode() * 31 + target.hashCode();
        }
    }

    private static Map<NamespaceId, Namespace> index(List<Namespace> namespaces) {
        Map<NamespaceId, Namespace> index = new HashMap<>();
        for (Namespace ns : namespaces) {
            index.put(ns.id(), ns);
        }
        return index;
    }
}
