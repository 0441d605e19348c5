package dev.listns.containers;

import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes container's names from the annotations or labels its runtime records, whichever
 * runtime it is:
 * <ul>
 * <li>containerd's CRI plugin annotates the OCI spec with {@code io.kubernetes.cri.container-name},
 *     {@code io.kubernetes.cri.sandbox-name}, {@code io.kubernetes.cri.sandbox-namespace} and
 *     {@code io.kubernetes.cri.container-type} ({@code sandbox} or {@code container}) (containerd,
 *     internal/cri/annotations/annotations.go, DefaultCRIAnnotations);</li>
 * <li>the kubelet labels every container it creates with {@code io.kubernetes.container.name},
 *     {@code io.kubernetes.pod.name} and {@code io.kubernetes.pod.namespace} (k8s.io/kubelet
 *     pkg/types/labels.go); CRI-O copies those labels into the spec's annotations and keeps them as
 *     JSON in {@code io.kubernetes.cri-o.Labels}, and Docker under the kubelet keeps them as its labels;</li>
 * <li>CRI-O marks a pod's sandbox with {@code io.kubernetes.cri-o.ContainerType} {@code sandbox}
 *     (cri-o, internal/annotations/annotations.go).</li>
 * </ul>
 * A sandbox (the pod's pause container) has no container name of its own: only its pod is named.
 */
final class KubernetesNames {
    private KubernetesNames() {
    }

    /** The pod, namespace and container name in {@code keys}; empty when it names no pod. */
    static Optional<Found> from(Map<String, String> keys, Map<String, String> labels) {
        Optional<String> pod = first(keys, "io.kubernetes.cri.sandbox-name", "io.kubernetes.pod.name");
        if (pod.isEmpty()) {
            return Optional.empty();
        }
        boolean sandbox = "sandbox".equals(keys.get("io.kubernetes.cri.container-type"))
                || "sandbox".equals(keys.get("io.kubernetes.cri-o.ContainerType"));
        Optional<String> name = sandbox ? Optional.empty()
                : first(keys, "io.kubernetes.cri.container-name", "io.kubernetes.container.name");
        Optional<String> namespace = first(keys, "io.kubernetes.cri.sandbox-namespace", "io.kubernetes.pod.namespace",
                "io.kubernetes.cri-o.Namespace");
        return Optional.of(new Found(name, pod, namespace, labels));
    }

    private static Optional<String> first(Map<String, String> keys, String... names) {
        for (String name : names) {
            String value = keys.get(name);
            if (value != null && !value.isEmpty()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
