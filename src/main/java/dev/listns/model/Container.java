package dev.listns.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The container a process belongs to: the engine that runs it and the engine's id for it, as the scan
 * recognised them (from the cgroup or the engine's supervisor process), and what the engine's own
 * records on disk say of it, where listns could read them: the container's name, and for a
 * Kubernetes container its pod and the pod's namespace. Every text here comes from files other
 * programs wrote, possibly hostile ones: output escapes it.
 *
 * @param name         the name the engine's users know it by ({@code podman run --name web1}), for a
 *                     Kubernetes container the container's name in its pod; empty when unknown
 * @param pod          the Kubernetes pod, for a container of one
 * @param podNamespace the Kubernetes namespace of that pod
 * @param labels       the labels the engine keeps for it, where it keeps them in a file (Docker,
 *                     CRI-O), sorted by key; empty otherwise
 */
public record Container(String engine, String id, Optional<String> name, Optional<String> pod,
        Optional<String> podNamespace, SortedMap<String, String> labels) {
    private static final int SHORT_ID = 12;

    public Container {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** A container as the scan first recognises it, before its engine's records are read. */
    public Container(String engine, String id) {
        this(engine, id, Optional.empty(), Optional.empty(), Optional.empty(), new TreeMap<>());
    }

    /** The same container, with what its engine's records say of it. */
    public Container named(Optional<String> name, Optional<String> pod, Optional<String> podNamespace,
            Map<String, String> labels) {
        return new Container(engine, id, name, pod, podNamespace, new TreeMap<>(labels));
    }

    /** The id as engines print it: 12 hex digits for a hash, the whole name otherwise. */
    public String shortId() {
        return id.length() == 64 && isHex(id) ? id.substring(0, SHORT_ID) : id;
    }

    // Loops and ifs here rather than streams and Optional chains: each process of a container shows its
    // label on every run, and each lambda is a class the JVM spins at start-up.
    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * How users name it: {@code namespace/pod/container} for a Kubernetes container ({@code
     * namespace/pod} for a pod's sandbox, which has no name of its own), else its name, else the
     * short id.
     */
    public String displayName() {
        if (pod.isPresent()) {
            String inPod = (podNamespace.isPresent() ? podNamespace.get() + "/" : "") + pod.get();
            return name.isPresent() ? inPod + "/" + name.get() : inPod;
        }
        return name.isPresent() ? name.get() : shortId();
    }

    /** {@code podman:web1}, or {@code podman:d4ff6e99ed56} when the name is unknown, as shown in brackets before a command. */
    public String label() {
        return engine + ":" + displayName();
    }

    // equals and hashCode written out, the same as a record's own: the generated ones bootstrap
    // java.lang.runtime.ObjectMethods, a tree of method handles spun on first use, and a scan that finds
    // containers keys a map by them on every run. RecordEqualityTest holds them to the generated definition.
    @Override
    public boolean equals(Object o) {
        return o instanceof Container other && Objects.equals(engine, other.engine) && Objects.equals(id, other.id)
                && Objects.equals(name, other.name) && Objects.equals(pod, other.pod)
                && Objects.equals(podNamespace, other.podNamespace) && Objects.equals(labels, other.labels);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hashCode(engine);
        hash = 31 * hash + Objects.hashCode(id);
        hash = 31 * hash + Objects.hashCode(name);
        hash = 31 * hash + Objects.hashCode(pod);
        hash = 31 * hash + Objects.hashCode(podNamespace);
        return 31 * hash + Objects.hashCode(labels);
    }
}
