package dev.listns.columns;

import dev.listns.model.Holder;
import dev.listns.model.Namespace;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The lines of a scan, in the order they are printed. The orders are written out rather than chained
 * from {@link Comparator}'s factories: each of those lambdas is a class the JVM spins at start-up.
 */
public final class Lines {
    /** A namespace's holders as listns's table orders them: references first, then by member PID. */
    private static final Comparator<Holder> HOLDER_ORDER = new Comparator<>() {
        @Override
        public int compare(Holder a, Holder b) {
            int byPid = Integer.compare(a.memberPid().orElse(-1), b.memberPid().orElse(-1));
            return byPid != 0 ? byPid : a.description().compareTo(b.description());
        }
    };
    /** Namespaces as lsns orders them: by inode, unique across types. */
    private static final Comparator<Namespace> BY_INODE = new Comparator<>() {
        @Override
        public int compare(Namespace a, Namespace b) {
            return Long.compare(a.id().inode(), b.id().inode());
        }
    };

    private Lines() {
    }

    /** One line per namespace, ordered by inode as lsns orders them (inodes are unique across types). */
    public static List<Line> perNamespace(ScanResult result, LineContext context) {
        List<Namespace> namespaces = new ArrayList<>(result.namespaces());
        namespaces.sort(BY_INODE);
        List<Line> lines = new ArrayList<>(namespaces.size());
        for (Namespace ns : namespaces) {
            NamespaceSummary summary = new NamespaceSummary(ns);
            lines.add(new Line(Line.View.NAMESPACE, summary, firstProcess(summary.memberProcesses()), ns.mainHolder(),
                    context));
        }
        return lines;
    }

    /** One line per holder, in the order of listns's table: namespaces by type and inode, then their holders. */
    public static List<Line> perHolder(ScanResult result, LineContext context) {
        List<Line> lines = new ArrayList<>();
        for (Namespace ns : result.namespaces()) {
            NamespaceSummary summary = new NamespaceSummary(ns);
            List<Holder> holders = new ArrayList<>(ns.holders());
            holders.sort(HOLDER_ORDER);
            for (Holder holder : holders) {
                lines.add(new Line(Line.View.HOLDER, summary, holder.process(), Optional.of(holder), context));
            }
        }
        return lines;
    }

    /** The process lsns shows for a namespace: the member process with the lowest PID. */
    public static Optional<ProcessInfo> firstProcess(Namespace ns) {
        return firstProcess(ns.memberProcesses());
    }

    private static Optional<ProcessInfo> firstProcess(List<ProcessInfo> members) {
        ProcessInfo first = null;
        for (ProcessInfo member : members) {
            if (first == null || member.pid() < first.pid()) {
                first = member;
            }
        }
        return Optional.ofNullable(first);
    }
}
