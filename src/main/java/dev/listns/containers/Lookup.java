package dev.listns.containers;

import dev.listns.debug.DebugLog;
import dev.listns.model.Container;
import dev.listns.scan.ContainerNamer.Sighting;

import java.util.Optional;

/**
 * One thread's lookups: each container's engine decides which files are read. What a lookup reads
 * (bytes, parsed stores, homes) is kept for the next container of the same engine and owner.
 */
final class Lookup {
    /** A store's list of every container (containers.json): it grows with the host. */
    static final int STORE_LIMIT = 16 << 20;
    /** One container's own file (config.json, config.v2.json); with Kubernetes annotations copied in, tens of kilobytes. */
    static final int CONTAINER_LIMIT = 4 << 20;

    private final PodmanRecords podman;
    private final DockerRecords docker;
    private final ContainerdRecords containerd;
    private final CriORecords crio;
    private final LxcRecords lxc;
    private final NspawnRecords nspawn;

    Lookup(HostPaths host, StateFileReader reader, DebugLog log) {
        StateFiles files = new StateFiles(host, reader, log);
        UserHomes homes = new UserHomes(files);
        podman = new PodmanRecords(files, homes);
        docker = new DockerRecords(files, homes);
        containerd = new ContainerdRecords(files);
        crio = new CriORecords(files);
        lxc = new LxcRecords(files, homes);
        nspawn = new NspawnRecords(files);
    }

    /** The container as its engine records it, or empty when its records could not be read. */
    Optional<Container> name(Sighting sighting) {
        Optional<Found> found = switch (sighting.container().engine()) {
            case "podman" -> podman.find(sighting);
            case "docker" -> docker.find(sighting);
            case "containerd" -> containerd.find(sighting);
            case "cri-o" -> crio.find(sighting);
            // A Kubernetes container found by its pod's cgroup alone: any of the runtimes may run it.
            case "kubepods" -> kubernetes(sighting);
            case "lxc" -> lxc.find(sighting);
            case "nspawn" -> nspawn.find(sighting);
            default -> Optional.empty();
        };
        return found.isPresent() ? found.get().applyTo(sighting.container()) : Optional.empty();
    }

    private Optional<Found> kubernetes(Sighting sighting) {
        Optional<Found> found = containerd.find(sighting);
        if (found.isEmpty()) {
            found = crio.find(sighting);
        }
        return found.isPresent() ? found : docker.find(sighting);
    }
}
