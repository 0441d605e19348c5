package dev.listns.scan;

import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The namespace links of one task: its own namespaces and the {@code *_for_children} ones.
 * Which link names exist is learnt once per scan, so each task costs one readlink per link.
 */
public final class NamespaceLinks {
    private static final String FOR_CHILDREN = "_for_children";
    private static final List<String> ALL_NAMES = List.of(
            "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "time_for_children", "user", "uts");
    /** "ns/net" and the like, made once rather than for each link of each of ten thousand processes. */
    private static final Map<String, String> PROCESS_PATHS = processPaths();

    private final Map<NamespaceType, NamespaceId> own;
    private final Map<NamespaceType, NamespaceId> forChildren;
    /** The link names read, and what each read (null: unreadable), to tell another task's identical links. */
    private final List<String> names;
    private final String[] targets;

    private static Map<String, String> processPaths() {
        Map<String, String> paths = new HashMap<>();
        for (String name : ALL_NAMES) {
            paths.put(name, "ns/" + name);
        }
        return Map.copyOf(paths);
    }

    private NamespaceLinks(Map<NamespaceType, NamespaceId> own, Map<NamespaceType, NamespaceId> forChildren,
            List<String> names, String[] targets) {
        this.own = own;
        this.forChildren = forChildren;
        this.names = names;
        this.targets = targets;
    }

    public Optional<NamespaceId> own(NamespaceType type) {
        return Optional.ofNullable(own.get(type));
    }

    public Map<NamespaceType, NamespaceId> own() {
        return own;
    }

    public Map<NamespaceType, NamespaceId> forChildren() {
        return forChildren;
    }

    public boolean isEmpty() {
        return own.isEmpty();
    }

    /** The link names this kernel has, read from {@code <proc>/self/ns}; every known name when that is unreadable. */
    public static List<String> supportedNames(ProcFs proc) {
        List<String> present = proc.list(proc.root().resolve("self").resolve("ns"));
        List<String> names = new ArrayList<>();
        for (String name : ALL_NAMES) {
            if (present.isEmpty() || present.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** Whether both point at the same namespaces, own and for children alike. */
    boolean sameAs(NamespaceLinks other) {
        return own.equals(other.own) && forChildren.equals(other.forChildren);
    }

    /**
     * Reads the links under {@code <task>ns/} in a process directory; links that cannot be read are
     * simply absent.
     *
     * @param task {@code ""} for the process itself, {@code "task/TID/"} for one of its threads
     */
    static NamespaceLinks read(ProcessDirectory dir, String task, List<String> names) {
        return read(dir, task, names, null);
    }

    /**
     * Like {@link #read(ProcessDirectory, String, List)}, but answers {@code usual} itself when every link
     * reads as it did there. Most processes of a host share one set of namespaces: they then share one
     * object, which nobody parses again and which later steps can tell by identity.
     *
     * @param usual links read before with the same names, or null
     */
    static NamespaceLinks read(ProcessDirectory dir, String task, List<String> names, NamespaceLinks usual) {
        String[] targets = new String[names.size()];
        boolean same = usual != null && usual.names == names;
        for (int i = 0; i < targets.length; i++) {
            String name = names.get(i);
            String path = task.isEmpty() ? PROCESS_PATHS.get(name) : null;
            targets[i] = dir.readLink(path != null ? path : task + "ns/" + name).target();
            same = same && Objects.equals(targets[i], usual.targets[i]);
        }
        if (same) {
            return usual;
        }
        Map<NamespaceType, NamespaceId> own = new EnumMap<>(NamespaceType.class);
        Map<NamespaceType, NamespaceId> children = new EnumMap<>(NamespaceType.class);
        for (int i = 0; i < targets.length; i++) {
            Optional<NamespaceId> id = targets[i] == null ? Optional.empty() : NamespaceId.parse(targets[i]);
            if (id.isPresent()) {
                (names.get(i).endsWith(FOR_CHILDREN) ? children : own).put(id.get().type(), id.get());
            }
        }
        return new NamespaceLinks(own, children, names, targets);
    }
}
