package dev.listns.scan;

import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The namespace links of one task: its own namespaces and the {@code *_for_children} ones.
 * Which link names exist is learnt once per scan, so each task costs one readlink per link.
 */
public final class NamespaceLinks {
    private static final String FOR_CHILDREN = "_for_children";
    private static final List<String> ALL_NAMES = List.of(
            "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "time_for_children", "user", "uts");

    private final Map<NamespaceType, NamespaceId> own;
    private final Map<NamespaceType, NamespaceId> forChildren;

    private NamespaceLinks(Map<NamespaceType, NamespaceId> own, Map<NamespaceType, NamespaceId> forChildren) {
        this.own = own;
        this.forChildren = forChildren;
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

    /** The names of a task's own namespaces, without the {@code *_for_children} ones. */
    static List<String> ownNames(List<String> names) {
        return names.stream().filter(name -> !name.endsWith(FOR_CHILDREN)).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Reads the links under {@code <task>ns/} in a process directory; links that cannot be read are
     * simply absent.
     *
     * @param task {@code ""} for the process itself, {@code "task/TID/"} for one of its threads
     */
    static NamespaceLinks read(ProcessDirectory dir, String task, List<String> names) {
        Map<NamespaceType, NamespaceId> own = new EnumMap<>(NamespaceType.class);
        Map<NamespaceType, NamespaceId> children = new EnumMap<>(NamespaceType.class);
        for (String name : names) {
            String target = dir.readLink(task + "ns/" + name).target();
            Optional<NamespaceId> id = target == null ? Optional.empty() : NamespaceId.parse(target);
            if (id.isPresent()) {
                (name.endsWith(FOR_CHILDREN) ? children : own).put(id.get().type(), id.get());
            }
        }
        return new NamespaceLinks(own, children);
    }
}
