package dev.listns.containers;

import dev.listns.scan.ContainerNamer.Sighting;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CRI-O's containers, from the OCI spec it saves for each container in containers/storage's
 * per-container directories: {@code <graph root>/overlay-containers/<id>/userdata/config.json} and the
 * same under the run root (cri-o, server/container_create.go and sandbox_run_linux.go: SaveToFile into
 * containerInfo.Dir and containerInfo.RunDir; containers/storage, store.go: {@code <root>/<driver>-containers/<id>/userdata}),
 * roots {@code /var/lib/containers/storage} and {@code /run/containers/storage}. The kubelet's labels
 * are in the annotations and, as JSON, in {@code io.kubernetes.cri-o.Labels} (cri-o,
 * internal/factory/container/container.go), which are kept as the container's labels.
 */
final class CriORecords {
    private static final List<String> ROOTS = List.of("/var/lib/containers/storage", "/run/containers/storage");
    private static final String LABELS = "io.kubernetes.cri-o.Labels";

    private final StateFiles files;

    CriORecords(StateFiles files) {
        this.files = files;
    }

    Optional<Found> find(Sighting sighting) {
        for (String root : ROOTS) {
            Optional<byte[]> config = files.read(root,
                    List.of("overlay-containers", sighting.container().id(), "userdata", "config.json"),
                    files.host().systemOwner(), Lookup.CONTAINER_LIMIT);
            if (config.isPresent()) {
                return parse(config.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<Found> parse(byte[] bytes) {
        try {
            Map<String, String> annotations = EngineJson.ociAnnotations(bytes);
            String labels = annotations.get(LABELS);
            return KubernetesNames.from(annotations, labels == null ? Map.of() : EngineJson.stringMap(labels));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
