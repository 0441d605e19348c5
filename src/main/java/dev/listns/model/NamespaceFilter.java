package dev.listns.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which namespaces the user asked to see.
 *
 * @param types          empty means every type
 * @param pid            only namespaces this process is in or holds
 * @param includeInitial also the host's initial namespaces
 * @param withoutProcessOnly only namespaces no process is a member of ({@code lsns -P}'s "persistent" ones:
 *                       held by a bind mount, an fd, a socket, a child, or a thread alone)
 * @param inode          only the namespace with this inode number (lsns's NAMESPACE argument)
 */
public record NamespaceFilter(Set<NamespaceType> types, OptionalInt pid, boolean includeInitial,
        boolean withoutProcessOnly, OptionalLong inode) {

    public NamespaceFilter {
        types = Set.copyOf(types);
    }

    public NamespaceFilter(Set<NamespaceType> types, OptionalInt pid, boolean includeInitial) {
        this(types, pid, includeInitial, false, OptionalLong.empty());
    }

    public static NamespaceFilter everything() {
        return new NamespaceFilter(Set.of(), OptionalInt.empty(), true);
    }

    /** Every namespace {@code pid} is in or holds, initial ones included. */
    public static NamespaceFilter heldByPid(int pid) {
        return new NamespaceFilter(Set.of(), OptionalInt.of(pid), true);
    }

    public boolean test(Namespace ns) {
        return (includeInitial || !ns.initial())
                && (types.isEmpty() || types.contains(ns.type()))
                && (pid.isEmpty() || heldBy(ns, pid.getAsInt()))
                && (!withoutProcessOnly || ns.memberProcesses().isEmpty())
                && (inode.isEmpty() || ns.id().inode() == inode.getAsLong());
    }

    // Loops rather than streams: this runs on every start, where each lambda is a class the JVM spins.
    public ScanResult apply(ScanResult result) {
        List<Namespace> kept = new ArrayList<>(result.namespaces().size());
        for (Namespace ns : result.namespaces()) {
            if (test(ns)) {
                kept.add(ns);
            }
        }
        return new ScanResult(kept, result.baseline(), result.partial(), result.warnings(), result.unavailable(),
                result.notes(), result.startedAt(), result.duration(), result.bootId());
    }

    private static boolean heldBy(Namespace ns, int pid) {
        for (Holder holder : ns.holders()) {
            if (holder.memberPid().orElse(-1) == pid
                    || holder.process().isPresent() && holder.process().get().pid() == pid) {
                return true;
            }
        }
        return false;
    }
}
