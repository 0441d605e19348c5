package dev.listns.containers;

import dev.listns.scan.ContainerNamer.Sighting;
import dev.listns.scan.Utf8;

import java.util.List;
import java.util.Optional;

/**
 * systemd-machined's registered machines: {@code /run/systemd/machines/<name>}, an environment-style
 * file of {@code KEY=value} lines with {@code NAME}, {@code CLASS}, {@code LEADER}, {@code SCOPE}, …
 * (systemd, src/machine/machine.c machine_save; read by src/basic/process-util.c container_get_leader,
 * which accepts {@code CLASS=container} only). The scan's id is the machine name from its scope
 * ({@code machine-<name>.scope}); the file confirms it is a registered container of that name.
 */
final class NspawnRecords {
    private static final int STATE_LIMIT = 64 * 1024;

    private final StateFiles files;

    NspawnRecords(StateFiles files) {
        this.files = files;
    }

    Optional<Found> find(Sighting sighting) {
        String name = sighting.container().id();
        return files.read("/run/systemd/machines", List.of(name), files.host().systemOwner(), STATE_LIMIT)
                .map(Utf8.DECODER::decode)
                .filter(state -> state.lines().anyMatch(("NAME=" + name)::equals)
                        && state.lines().anyMatch("CLASS=container"::equals))
                .map(state -> Found.named(name));
    }
}
