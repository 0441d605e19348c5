package dev.listns.containers;

import dev.listns.scan.ContainerNamer.Sighting;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Docker's container names and labels, from the file the daemon writes for each container: {@code
 * <data root>/containers/<id>/config.v2.json}, data root {@code /var/lib/docker}, or {@code
 * ~/.local/share/docker} for rootless Docker ({@code $XDG_DATA_HOME/docker}). Its {@code "ID"}, its
 * {@code "Name"} with a leading slash ({@code "/web1"}) and {@code "Config": {"Labels": {…}}} (moby,
 * daemon/container/container.go: configFileName, type Container, toDisk). Under the kubelet
 * (dockershim, cri-dockerd) the labels carry the Kubernetes names. A {@code daemon.json} data-root
 * elsewhere is not followed.
 */
final class DockerRecords {
    private final StateFiles files;
    private final UserHomes homes;

    DockerRecords(StateFiles files, UserHomes homes) {
        this.files = files;
        this.homes = homes;
    }

    Optional<Found> find(Sighting sighting) {
        String id = sighting.container().id();
        Optional<byte[]> config;
        if (files.host().runsSystemEngines(sighting.ownerUid())) {
            config = files.read("/var/lib/docker/containers", List.of(id, "config.v2.json"), files.host().systemOwner(),
                    Lookup.CONTAINER_LIMIT);
        } else {
            config = homes.of(sighting.ownerUid()).flatMap(home -> files.read(home.base(),
                    home.below(".local", "share", "docker", "containers", id, "config.v2.json"), sighting.ownerUid(),
                    Lookup.CONTAINER_LIMIT));
        }
        return config.flatMap(bytes -> parse(bytes, id));
    }

    private static Optional<Found> parse(byte[] bytes, String id) {
        EngineJson.DockerConfig config;
        try {
            config = EngineJson.docker(bytes);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (config.id().isPresent() && !config.id().get().equals(id)) {
            return Optional.empty(); // another container's file, copied or planted here
        }
        return KubernetesNames.from(config.labels(), config.labels()).or(() -> config.name()
                .map(name -> name.startsWith("/") ? name.substring(1) : name)
                .map(name -> new Found(Optional.of(name), Optional.empty(), Optional.empty(), config.labels())));
    }
}
