package dev.listns.scan;

import dev.listns.model.Container;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the containers one scan found, from what their engines record of them. Asked once per scan,
 * with each container once, and only when the scan found at least one: a host with no container never
 * loads what reads the engines' files (see {@code dev.listns.containers}).
 */
@FunctionalInterface
public interface ContainerNamer {
    /** Names nothing: for fake proc trees, whose containers are not the host's. */
    ContainerNamer NONE = sightings -> new Naming(Map.of(), List.of());

    /** Never fails and never waits long: a container it cannot name is simply left out. */
    Naming name(List<Sighting> sightings);

    /**
     * Loads what naming needs, ahead of {@link #name}: called on a thread of its own while the walk goes
     * on, once it has seen a sign of a container. Never fails.
     */
    default void prepare() {
    }

    /**
     * A container as the scan saw it.
     *
     * @param ownerUid            the user running the engine's supervisor of it ({@code conmon}, a
     *                            containerd shim), or else its own process: where a rootless engine keeps
     *                            its state; -1 when it could not be read
     * @param containerdNamespace the containerd namespace its shim names ({@code -namespace k8s.io}), if any
     */
    record Sighting(Container container, int ownerUid, Optional<String> containerdNamespace) {
    }

    /**
     * @param named the containers it could name, keyed by the container as the scan gave it
     * @param notes what {@code --verbose} shows about the lookup
     */
    record Naming(Map<Container, Container> named, List<String> notes) {
    }
}
