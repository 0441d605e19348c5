package dev.listns.output;

import dev.listns.columns.TreeRelation;
import dev.listns.model.Holder;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Namespaces as a tree: under their owning user namespaces, the user and PID parent trees, or under the
 * namespace of their first process's parent process.
 * Box-drawing characters on a terminal, plain ASCII in a pipe or file.
 */
public final class TreeFormatter implements Formatter {

    private record Glyphs(String branch, String last, String pipe, String space) {
        static final Glyphs UNICODE = new Glyphs("├── ", "└── ", "│   ", "    ");
        static final Glyphs ASCII = new Glyphs("|-- ", "`-- ", "|   ", "    ");
    }

    private final TreeRelation relation;
    private final Glyphs glyphs;

    private static final Comparator<Namespace> USERS_LAST = new Comparator<>() {
        @Override
        public int compare(Namespace a, Namespace b) {
            return Boolean.compare(a.type() == NamespaceType.USER, b.type() == NamespaceType.USER);
        }
    };
    private static final Comparator<Namespace> USERS_FIRST = new Comparator<>() {
        @Override
        public int compare(Namespace a, Namespace b) {
            return USERS_LAST.compare(b, a);
        }
    };

    public TreeFormatter(TreeRelation relation, boolean boxDrawing) {
        this.relation = relation;
        this.glyphs = boxDrawing ? Glyphs.UNICODE : Glyphs.ASCII;
    }

    @Override
    public void write(ScanResult result, PrintWriter out) {
        // The parent tree has user and PID namespaces only: no other type has a parent.
        // Plain loops and named comparators, no lambdas: each is a class a cold JVM spins (README "Speed").
        List<Namespace> nodes = new ArrayList<>();
        for (Namespace ns : result.namespaces()) {
            if (relation != TreeRelation.PARENT || ns.type().isHierarchical()) {
                nodes.add(ns);
            }
        }
        Map<NamespaceId, NamespaceId> ups = relation.ups(nodes);
        Map<NamespaceId, List<Namespace>> children = new LinkedHashMap<>();
        List<Namespace> roots = new ArrayList<>();
        for (Namespace ns : nodes) {
            NamespaceId up = ups.get(ns.id());
            if (up != null) {
                List<Namespace> siblings = children.get(up);
                if (siblings == null) {
                    siblings = new ArrayList<>();
                    children.put(up, siblings);
                }
                siblings.add(ns);
            } else {
                roots.add(ns);
            }
        }
        // Users and PID trees first, so the owners' subtrees read top-down.
        roots.sort(USERS_FIRST);
        for (Namespace root : roots) {
            out.println(label(root));
            printChildren(root, children, "", out);
        }
    }

    private void printChildren(Namespace parent, Map<NamespaceId, List<Namespace>> children, String prefix, PrintWriter out) {
        List<Namespace> below = new ArrayList<>(children.getOrDefault(parent.id(), List.of()));
        // Child user namespaces last, so what a user namespace owns directly is listed before its subtrees.
        below.sort(USERS_LAST);
        for (int i = 0; i < below.size(); i++) {
            boolean last = i == below.size() - 1;
            Namespace child = below.get(i);
            out.println(prefix + (last ? glyphs.last() : glyphs.branch()) + label(child));
            printChildren(child, children, prefix + (last ? glyphs.space() : glyphs.pipe()), out);
        }
    }

    /** The namespace and, in a few words, what holds it. */
    static String label(Namespace ns) {
        StringBuilder text = new StringBuilder(ns.id().toString());
        if (ns.initial()) {
            text.append(" initial");
        }
        if (!ns.names().isEmpty()) {
            text.append(" (").append(TerminalSafe.escape(String.join(", ", ns.names()))).append(')');
        }
        List<Holder> holders = ns.holders();
        Holder first = holders.isEmpty() ? null : holders.get(0);
        for (Holder holder : holders) {
            if (holder.memberPid().isPresent()) {
                first = holder;
                break;
            }
        }
        if (first != null) {
            text.append("  ").append(TerminalSafe.escape(first.description()));
        }
        if (holders.size() > 1) {
            text.append("  (+").append(holders.size() - 1).append(" more holders)");
        }
        return text.toString();
    }
}
