package dev.listns.containers;

import dev.listns.debug.DebugLog;
import dev.listns.files.TrustedDirectory;
import dev.listns.model.Container;
import dev.listns.scan.ContainerNamer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the containers a scan found from their engines' own state on disk: never an engine's API, never
 * a program. The files are other programs' and, for rootless engines, users' own, so each is read as
 * {@link StateFiles} says, and all of it within a time limit: a user's home on a FUSE file system that
 * never answers must not stall listns. Containers are looked up on one thread per owner (root's engines,
 * each user's), so one user's stalled home leaves everyone else's names; what has not answered when the
 * time is up stays unnamed, and its daemon thread is left to finish or to end with listns.
 */
public final class EngineRecords implements ContainerNamer {
    /** Reading a few small files takes milliseconds; this much means something does not answer. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(2);

    private static final byte[] SAMPLE_LIST = ascii("[{\"id\":\"a\",\"names\":[\"b\"],\"n\":1,\"o\":{\"p\":null}}]");
    private static final byte[] SAMPLE_SPEC = ascii("{\"ociVersion\":\"1\",\"annotations\":{\"k\":\"v\"},\"x\":[true]}");
    private static final byte[] SAMPLE_DOCKER = ascii("{\"ID\":\"a\",\"Name\":\"/b\",\"Config\":{\"Labels\":null}}");

    private final HostPaths host;
    private final StateFileReader reader;
    private final Duration timeLimit;
    private final DebugLog log;

    EngineRecords(HostPaths host, StateFileReader reader, Duration timeLimit) {
        this(host, reader, timeLimit, DebugLog.OFF);
    }

    /** @param log where a state file that could not be read is told, for {@code --debug} */
    EngineRecords(HostPaths host, StateFileReader reader, Duration timeLimit, DebugLog log) {
        this.log = log;
        this.host = host;
        this.reader = reader;
        this.timeLimit = timeLimit;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The host's engines, read with the safest reads this JVM and kernel have. */
    public static EngineRecords forHost(DebugLog log) {
        return new EngineRecords(HostPaths.REAL, StateFileReader.best(), TIME_LIMIT, log);
    }

    /**
     * Loads and links, while the walk goes on, what the lookups use the first time: the JSON parser
     * (each kind of file the engines write, in miniature), the trusted-directory check, the readers.
     */
    @Override
    public void prepare() {
        try {
            EngineJson.storageContainers(SAMPLE_LIST);
            EngineJson.ociAnnotations(SAMPLE_SPEC);
            EngineJson.docker(SAMPLE_DOCKER);
            new Lookup(host, reader, log);
            // A record's first hashCode or equals links its methods (an invokedynamic bootstrap each).
            Container sample = new Container("podman", "0");
            Map<Object, Object> keys = new ConcurrentHashMap<>();
            keys.put(sample, sample.named(Optional.of("n"), Optional.empty(), Optional.empty(), Map.of()));
            keys.put(new Sighting(sample, -1, Optional.empty()), Found.named("n"));
            keys.put(List.of("a", 1), sample.equals(keys.get(sample)));
            // The passwd file, which rootless lookups read anyway: the first native read links its calls.
            reader.read(TrustedDirectory.resolve(host.of("/etc")), List.of("passwd"), host.systemOwner(), 1 << 20);
        } catch (IOException | RuntimeException e) {
            // nothing is lost: name() loads what it needs anyway
        }
    }

    /** One owner's lookups; a class, not a lambda (see NativeAccess.loader): it runs on every host with a container. */
    private final class Lookups implements Runnable {
        private final List<Sighting> group;
        private final Map<Container, Container> named;

        Lookups(List<Sighting> group, Map<Container, Container> named) {
            this.group = group;
            this.named = named;
        }

        @Override
        public void run() {
            Lookup lookup = new Lookup(host, reader, log);
            for (Sighting sighting : group) {
                Optional<Container> container = lookup.name(sighting);
                if (container.isPresent()) {
                    named.put(sighting.container(), container.get());
                }
            }
        }
    }

    @Override
    public Naming name(List<Sighting> sightings) {
        long start = System.nanoTime();
        Map<Integer, List<Sighting>> byOwner = new LinkedHashMap<>();
        for (Sighting sighting : sightings) {
            int owner = host.runsSystemEngines(sighting.ownerUid()) ? -1 : sighting.ownerUid();
            List<Sighting> group = byOwner.get(owner);
            if (group == null) {
                group = new ArrayList<>();
                byOwner.put(owner, group);
            }
            group.add(sighting);
        }
        Map<Container, Container> named = new ConcurrentHashMap<>();
        List<Thread> lookups = new ArrayList<>();
        for (List<Sighting> group : byOwner.values()) {
            Thread thread = new Thread(new Lookups(group, named), "listns-container-names");
            thread.setDaemon(true);
            thread.start();
            lookups.add(thread);
        }
        long deadline = start + timeLimit.toNanos();
        int unfinished = 0;
        for (Thread thread : lookups) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000)); // rounded up: the whole limit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                unfinished++;
            }
        }
        Map<Container, Container> result = new HashMap<>(named); // what a late thread adds now is not used
        List<String> notes = new ArrayList<>();
        notes.add("container names: " + result.size() + " of " + sightings.size()
                + " containers named from their engines' state in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        if (unfinished > 0) {
            notes.add("container names: gave up after " + timeLimit.toMillis() + " ms on " + unfinished
                    + " owner(s)' engine state (a file system that does not answer?)");
        }
        return new Naming(result, notes);
    }
}
