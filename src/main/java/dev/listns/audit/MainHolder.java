package dev.listns.audit;

import dev.listns.model.Holder;
import dev.listns.model.HolderKind;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.ProcessInfo;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The one holder an audit line names for a namespace: the one a reader most likely recognises.
 * Members before references (a process says more than an fd pointing at the namespace), the oldest
 * process first (a container's init rather than whatever it exec'd last), and a bind mount in
 * listns's own mount namespace before one elsewhere.
 */
final class MainHolder {
    private static final Map<HolderKind, Integer> RANK = Map.of(
            HolderKind.PROCESS, 0,
            HolderKind.THREAD, 1,
            HolderKind.FOR_CHILDREN, 2,
            HolderKind.BIND_MOUNT, 3,
            HolderKind.FD, 4,
            HolderKind.SOCKET, 5,
            HolderKind.CHILD_NAMESPACE, 6,
            HolderKind.OWNED_NAMESPACE, 7);

    private static final Comparator<Holder> ORDER = Comparator
            .comparingInt((Holder h) -> RANK.getOrDefault(h.kind(), RANK.size()))
            .thenComparingLong(h -> h.process().map(ProcessInfo::startTime).orElse(0L))
            .thenComparingInt(h -> h.process().map(ProcessInfo::pid).orElse(0))
            .thenComparing(h -> h instanceof Holders.BindMount b && b.foreign())
            .thenComparing(Holder::identity);

    private MainHolder() {
    }

    static Optional<Holder> of(Namespace ns) {
        return ns.holders().stream().min(ORDER);
    }
}
