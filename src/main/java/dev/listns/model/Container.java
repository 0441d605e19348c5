package dev.listns.model;

import java.util.Collections;
import java.util.Map;
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
        return id.length() == 64 && id.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                ? id.substring(0, SHORT_ID)
                : id;
    }

    /**
     * How users name it: {@code namespace/pod/container} for a Kubernetes container ({@code
     * namespace/pod} for a pod's sandbox, which has no name of its own), else its name, else the
     * short id.
     */
    public String displayName() {
        if (pod.isPresent()) {
            String inPod = podNamespace.map(ns -> ns + "/").orElse("") + pod.get();
            return name.map(n -> inPod + "/" + n).orElse(inPod);
        }
        return name.orElseGet(this::shortId);
    }

    /** {@code podman:web1}, or {@code podman:d4ff6e99ed56} when the name is unknown, as shown in brackets before a command. */
    public String label() {
        return engine + ":" + displayName();
    }
}
