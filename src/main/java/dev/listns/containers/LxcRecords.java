package dev.listns.containers;

import dev.listns.scan.ContainerNamer.Sighting;

import java.util.List;
import java.util.Optional;

/**
 * LXC names a container's cgroup after the container ({@code lxc.payload.<name>}), so the scan's id is
 * its name already; it counts as the name once LXC's own configuration of that container is there:
 * {@code <lxcpath>/<name>/config}, lxcpath {@code /var/lib/lxc}, or {@code ~/.local/share/lxc} for an
 * unprivileged user's containers (lxc.container.conf(5), lxc-create(1)). The file itself is not
 * interpreted.
 */
final class LxcRecords {
    /** An LXC config is a few kilobytes. */
    private static final int CONFIG_LIMIT = 1 << 20;

    private final StateFiles files;
    private final UserHomes homes;

    LxcRecords(StateFiles files, UserHomes homes) {
        this.files = files;
        this.homes = homes;
    }

    Optional<Found> find(Sighting sighting) {
        String name = sighting.container().id();
        Optional<byte[]> config = files.read("/var/lib/lxc", List.of(name, "config"), files.host().systemOwner(), CONFIG_LIMIT);
        if (config.isEmpty() && !files.host().runsSystemEngines(sighting.ownerUid())) {
            config = homes.of(sighting.ownerUid()).flatMap(home -> files.read(home.base(),
                    home.below(".local", "share", "lxc", name, "config"), sighting.ownerUid(), CONFIG_LIMIT));
        }
        return config.map(bytes -> Found.named(name));
    }
}
