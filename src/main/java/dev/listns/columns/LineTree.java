package dev.listns.columns;

import dev.listns.model.NamespaceId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lines as a forest: each under the line of the namespace it hangs under, in the order given. */
public final class LineTree {

    /** A line and the lines below it. */
    public record Node(Line line, List<Node> children) {
    }

    private LineTree() {
    }

    /** Every line a root: the plain list. */
    public static List<Node> flat(List<Line> lines) {
        List<Node> nodes = new ArrayList<>(lines.size());
        for (Line line : lines) {
            nodes.add(new Node(line, List.of()));
        }
        return nodes;
    }

    /**
     * The forest {@code ups} describes (child namespace to the one above it). A line whose chain of ups
     * comes back to itself, which no kernel relation should give, is made a root rather than lost.
     */
    public static List<Node> of(List<Line> lines, Map<NamespaceId, NamespaceId> ups) {
        Map<NamespaceId, Node> nodes = new HashMap<>();
        for (Line line : lines) {
            nodes.putIfAbsent(line.namespace().id(), new Node(line, new ArrayList<>()));
        }
        List<Node> roots = new ArrayList<>();
        for (Line line : lines) {
            Node node = nodes.get(line.namespace().id());
            Node up = nodes.get(ups.get(line.namespace().id()));
            if (up == null || up == node || reaches(up, node, ups, nodes)) {
                roots.add(node);
            } else {
                up.children().add(node);
            }
        }
        return roots;
    }

    /** Whether going up from {@code from} ever arrives at {@code target}: hanging target there would close a loop. */
    private static boolean reaches(Node from, Node target, Map<NamespaceId, NamespaceId> ups, Map<NamespaceId, Node> nodes) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node at = from; at != null && seen.add(at); at = nodes.get(ups.get(at.line().namespace().id()))) {
            if (at == target) {
                return true;
            }
        }
        return false;
    }
}
