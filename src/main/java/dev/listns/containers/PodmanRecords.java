package dev.listns.containers;

import dev.listns.scan.ContainerNamer.Sighting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * podman's container names, from containers/storage's list of containers, which podman's own
 * database (BoltDB or SQLite, not read here) mirrors. Where, from containers/storage (types/options.go,
 * store.go, containers.go):
 * <ul>
 * <li>graph root {@code /var/lib/containers/storage} for root, {@code ~/.local/share/containers/storage}
 *     for a rootless user (its default, {@code $XDG_DATA_HOME/containers/storage}); run root
 *     {@code /run/containers/storage}, or {@code /run/user/UID/containers} ({@code $XDG_RUNTIME_DIR/containers});</li>
 * <li>{@code <graph root>/<driver>-containers/containers.json}, and {@code volatile-containers.json}
 *     beside it for containers made volatile ({@code --rm} in newer podman), which transient-store mode
 *     puts under the run root instead;</li>
 * <li>each file a JSON array of {@code {"id": …, "names": ["web1"], …}}.</li>
 * </ul>
 * Checked against podman 4.3.1 (Debian 12) here: {@code podman run --name web1} wrote
 * {@code /var/lib/containers/storage/overlay-containers/containers.json} with {@code "names":["web1"]}
 * (recorded in src/test/resources/engines/podman). A storage.conf or {@code $XDG_DATA_HOME} that moves
 * the store is not followed. podman keeps labels and pods only in its database: none here.
 */
final class PodmanRecords {
    /** containers/storage's drivers, most common first; the directory is named after the driver in use. */
    private static final List<String> DRIVERS = List.of("overlay", "vfs", "btrfs", "zfs");

    private record Store(String base, List<String> names, int owner) {
        List<String> below(String... more) {
            List<String> path = new ArrayList<>(names);
            path.addAll(List.of(more));
            return path;
        }
    }

    private final StateFiles files;
    private final UserHomes homes;
    private final Map<List<Object>, Map<String, String>> namesByFile = new HashMap<>();

    PodmanRecords(StateFiles files, UserHomes homes) {
        this.files = files;
        this.homes = homes;
    }

    Optional<Found> find(Sighting sighting) {
        String id = sighting.container().id();
        for (Store store : stores(sighting)) {
            for (String driver : DRIVERS) {
                for (String list : List.of("containers.json", "volatile-containers.json")) {
                    String name = names(store, store.below(driver + "-containers", list)).get(id);
                    if (name != null) {
                        return Optional.of(Found.named(name));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The graph root, then the run root (for transient-store mode), of the store that runs this container. */
    private List<Store> stores(Sighting sighting) {
        int system = files.host().systemOwner();
        if (files.host().runsSystemEngines(sighting.ownerUid())) {
            return List.of(new Store("/var/lib/containers/storage", List.of(), system),
                    new Store("/run/containers/storage", List.of(), system));
        }
        int uid = sighting.ownerUid();
        List<Store> stores = new ArrayList<>();
        Optional<UserHomes.Home> home = homes.of(uid);
        if (home.isPresent()) {
            stores.add(new Store(home.get().base(), home.get().below(".local", "share", "containers", "storage"), uid));
        }
        stores.add(new Store("/run/user", List.of(Integer.toString(uid), "containers"), uid));
        return stores;
    }

    /** Each container's first name, by id, in one list file; read and parsed once per lookup. */
    private Map<String, String> names(Store store, List<String> path) {
        List<Object> key = new ArrayList<>(path);
        key.add(store.base());
        // get and put, plain code: see NativeAccess.loader.
        Map<String, String> names = namesByFile.get(key);
        if (names == null) {
            Optional<byte[]> list = files.read(store.base(), path, store.owner(), Lookup.STORE_LIMIT);
            names = list.isPresent() ? parse(list.get()) : Map.of();
            namesByFile.put(key, names);
        }
        return names;
    }

    private static Map<String, String> parse(byte[] bytes) {
        Map<String, String> names = new HashMap<>();
        try {
            for (EngineJson.StorageEntry entry : EngineJson.storageContainers(bytes)) {
                if (!entry.names().isEmpty()) {
                    names.putIfAbsent(entry.id(), entry.names().get(0));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return names;
    }
}
