package dev.listns.columns;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.ProcessInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A namespace with what all of its lines share, worked out on first use and once: with a line per holder
 * the host's initial namespaces have tens of thousands of lines, and counting their processes again for
 * each would be quadratic. Used from one thread, as a formatter runs.
 */
public final class NamespaceSummary {
    /** Written out rather than from Comparator.comparingInt: -l -t net sorts mounts on every run, and a lambda is a class spun at start-up. */
    private static final Comparator<Holders.BindMount> BY_MOUNT_ID = new Comparator<>() {
        @Override
        public int compare(Holders.BindMount a, Holders.BindMount b) {
            return Integer.compare(a.mountId(), b.mountId());
        }
    };

    private final Namespace namespace;
    private List<ProcessInfo> memberProcesses;
    private List<String> mountPoints;

    public NamespaceSummary(Namespace namespace) {
        this.namespace = namespace;
    }

    public Namespace namespace() {
        return namespace;
    }

    /** {@link Namespace#memberProcesses()}, once. */
    public List<ProcessInfo> memberProcesses() {
        if (memberProcesses == null) {
            memberProcesses = namespace.memberProcesses();
        }
        return memberProcesses;
    }

    /** Where the namespace is bind-mounted in listns's own mount namespace, in mount order, each path once. */
    public List<String> mountPoints() {
        if (mountPoints == null) {
            List<Holders.BindMount> mounts = new ArrayList<>();
            for (Holder holder : namespace.holders()) {
                if (holder instanceof Holders.BindMount mount && !mount.foreign()) {
                    mounts.add(mount);
                }
            }
            mounts.sort(BY_MOUNT_ID);
            List<String> paths = new ArrayList<>(mounts.size());
            for (Holders.BindMount mount : mounts) {
                if (!paths.contains(mount.path())) {
                    paths.add(mount.path());
                }
            }
            mountPoints = List.copyOf(paths);
        }
        return mountPoints;
    }
}
