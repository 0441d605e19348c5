package dev.listns.containers;

import dev.listns.model.Container;
import dev.listns.scan.ContainerNamer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final HostPaths host;
    private final StateFileReader reader;
    private final Duration timeLimit;

    EngineRecords(HostPaths host, StateFileReader reader, Duration timeLimit) {
        this.host = host;
        this.reader = reader;
        this.timeLimit = timeLimit;
    }

    /** The host's engines, read with the safest reads this JVM and kernel have. */
    public static EngineRecords forHost() {
        return new EngineRecords(HostPaths.REAL, StateFileReader.best(), TIME_LIMIT);
    }

    @Override
    public Naming name(List<Sighting> sightings) {
        long start = System.nanoTime();
        Map<Integer, List<Sighting>> byOwner = new LinkedHashMap<>();
        for (Sighting sighting : sightings) {
            byOwner.computeIfAbsent(host.runsSystemEngines(sighting.ownerUid()) ? -1 : sighting.ownerUid(), k -> new ArrayList<>())
                    .add(sighting);
        }
        Map<Container, Container> named = new ConcurrentHashMap<>();
        List<Thread> lookups = new ArrayList<>();
        for (List<Sighting> group : byOwner.values()) {
            Thread thread = new Thread(() -> {
                Lookup lookup = new Lookup(host, reader);
                for (Sighting sighting : group) {
                    lookup.name(sighting).ifPresent(container -> named.put(sighting.container(), container));
                }
            }, "listns-container-names");
            thread.setDaemon(true);
            thread.start();
            lookups.add(thread);
        }
        long deadline = start + timeLimit.toNanos();
        int unfinished = 0;
        for (Thread thread : lookups) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
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
