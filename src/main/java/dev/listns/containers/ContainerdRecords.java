package dev.listns.containers;

import dev.listns.scan.ContainerNamer.Sighting;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * containerd's containers, from the OCI bundle its runtime v2 keeps for each running task:
 * {@code <state>/io.containerd.runtime.v2.task/<namespace>/<id>/config.json}, state {@code /run/containerd}
 * (k3s: {@code /run/k3s/containerd}) (containerd, core/runtime/v2/bundle.go, NewBundle: the spec is
 * written to {@code filepath.Join(state, ns, id)}). The namespace is the shim's {@code -namespace} where
 * the scan saw it, else Kubernetes' {@code k8s.io}, Docker's {@code moby} and {@code default}. Names
 * come from the spec's annotations: the CRI plugin's ({@link KubernetesNames}), or nerdctl's
 * {@code nerdctl/name} (nerdctl, pkg/labels/labels.go). containerd keeps labels in its database
 * (meta.db, not read): none here.
 */
final class ContainerdRecords {
    private static final List<String> STATES = List.of("/run/containerd/io.containerd.runtime.v2.task",
            "/run/k3s/containerd/io.containerd.runtime.v2.task");
    private static final List<String> NAMESPACES = List.of("k8s.io", "moby", "default");

    private final StateFiles files;

    ContainerdRecords(StateFiles files) {
        this.files = files;
    }

    Optional<Found> find(Sighting sighting) {
        Set<String> namespaces = new LinkedHashSet<>();
        sighting.containerdNamespace().ifPresent(namespaces::add);
        namespaces.addAll(NAMESPACES);
        for (String state : STATES) {
            for (String namespace : namespaces) {
                Optional<byte[]> config = files.read(state, List.of(namespace, sighting.container().id(), "config.json"),
                        files.host().systemOwner(), Lookup.CONTAINER_LIMIT);
                if (config.isPresent()) {
                    return parse(config.get());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Found> parse(byte[] bytes) {
        Map<String, String> annotations;
        try {
            annotations = EngineJson.ociAnnotations(bytes);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return KubernetesNames.from(annotations, Map.of())
                .or(() -> Optional.ofNullable(annotations.get("nerdctl/name")).map(Found::named));
    }
}
