package dev.listns.scan;

import dev.listns.model.Container;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Names the containers one scan found, from what their engines record of them. Asked once per scan,
 * with each container once, and only when the scan found at least one: a host with no container never
 * loads what reads the engines' files (see {@code dev.listns.containers}).
 */
@FunctionalInterface
public interface ContainerNamer {
    /**
     * Names nothing: for fake proc trees, whose containers are not the host's. A class of its own, not a
     * lambda: the JVM makes this field whenever a namer is made (this interface has a default method), on
     * every run that finds a container, and a lambda is a class it spins.
     */
    ContainerNamer NONE = new ContainerNamer() {
        @Override
        public Naming name(List<Sighting> sightings) {
            return new Naming(Map.of(), List.of());
        }
    };

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
        // equals and hashCode written out, the same as the generated ones (SightingTest holds them to
        // that): those bootstrap java.lang.runtime.ObjectMethods, method-handle classes spun on first
        // use, and the namer keys a map by sightings on every run that finds a container.
        @Override
        public boolean equals(Object o) {
            return o instanceof Sighting other && Objects.equals(container, other.container)
                    && ownerUid == other.ownerUid && Objects.equals(containerdNamespace, other.containerdNamespace);
        }

        @Override
        public int hashCode() {
            int hash = Objects.hashCode(container);
            hash = 31 * hash + Integer.hashCode(ownerUid);
            return 31 * hash + Objects.hashCode(containerdNamespace);
        }
    }

    /**
     * @param named the containers it could name, keyed by the container as the scan gave it
     * @param notes what {@code --verbose} shows about the lookup
     */
    record Naming(Map<Container, Container> named, List<String> notes) {
    }
}
