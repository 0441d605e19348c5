package dev.listns.output;

import dev.listns.columns.TreeRelation;
import dev.listns.model.Holder;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    public TreeFormatter(TreeRelation relation, boolean boxDrawing) {
        this.relation = relation;
        this.glyphs = boxDrawing ? Glyphs.UNICODE : Glyphs.ASCII;
    }

    @Override
    public void write(ScanResult result, PrintWriter out) {
        // The parent tree has user and PID namespaces only: no other type has a parent.
        List<Namespace> nodes = result.namespaces().stream()
                .filter(ns -> relation != TreeRelation.PARENT || ns.type().isHierarchical()).toList();
        Map<NamespaceId, NamespaceId> ups = relation.ups(nodes);
        Map<NamespaceId, List<Namespace>> children = new LinkedHashMap<>();
        List<Namespace> roots = new ArrayList<>();
        for (Namespace ns : nodes) {
            NamespaceId up = ups.get(ns.id());
            if (up != null) {
                children.computeIfAbsent(up, k -> new ArrayList<>()).add(ns);
            } else {
                roots.add(ns);
            }
        }
        // Users and PID trees first, so the owners' subtrees read top-down.
        roots.sort((a, b) -> Boolean.compare(b.type() == NamespaceType.USER, a.type() == NamespaceType.USER));
        for (Namespace root : roots) {
            out.println(label(root));
            printChildren(root, children, "", out);
        }
    }

    private void printChildren(Namespace parent, Map<NamespaceId, List<Namespace>> children, String prefix, PrintWriter out) {
        List<Namespace> below = new ArrayList<>(children.getOrDefault(parent.id(), List.of()));
        // Child user namespaces last, so what a user namespace owns directly is listed before its subtrees.
        below.sort((a, b) -> Boolean.compare(a.type() == NamespaceType.USER, b.type() == NamespaceType.USER));
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
        Optional<Holder> first = holders.stream().filter(h -> h.memberPid().isPresent()).findFirst()
                .or(() -> holders.stream().findFirst());
        first.ifPresent(h -> text.append("  ").append(TerminalSafe.escape(h.description())));
        if (holders.size() > 1) {
            text.append("  (+").append(holders.size() - 1).append(" more holders)");
        }
        return text.toString();
    }
}
