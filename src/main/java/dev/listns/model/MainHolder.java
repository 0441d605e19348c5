package dev.listns.model;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The one holder that stands for a namespace in an audit line and the HOLDER column: the one a reader
 * most likely recognises.
 * Members before references (a process says more than an fd pointing at the namespace), the oldest
 * process first (a container's init rather than whatever it exec'd last), and a bind mount in
 * listns's own mount namespace before one elsewhere.
 */
public final class MainHolder {
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

    public static Optional<Holder> of(Namespace ns) {
        return ns.holders().stream().min(ORDER);
    }
}
