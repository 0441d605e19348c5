package dev.listns.containers;

import dev.listns.files.TrustedDirectory;
import dev.listns.debug.DebugLog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine state files of one lookup, read as {@link StateFileReader} says, below a directory that
 * only root can change ({@link TrustedDirectory}: each directory on its way root's and not writable by
 * others, a symbolic link on its way root's too, so an engine directory an administrator moved with a
 * link, such as {@code /var/lib/docker}, still counts). Below that directory nothing is followed. Any
 * failure, a missing file included, is "no such file": a name is then simply not known. Not thread-safe:
 * one per lookup thread.
 */
final class StateFiles {
    /** Linux's NAME_MAX: a longer name is no engine's. */
    private static final int NAME_MAX = 255;

    private final HostPaths host;
    private final StateFileReader reader;
    private final DebugLog log;
    private final Map<String, Optional<Path>> bases = new HashMap<>();
    private final Map<List<Object>, Optional<byte[]>> read = new HashMap<>();

    StateFiles(HostPaths host, StateFileReader reader, DebugLog log) {
        this.host = host;
        this.log = log;
        this.reader = reader;
    }

    HostPaths host() {
        return host;
    }

    /**
     * The file {@code names} below the host directory {@code base}, of {@code owner}, at most {@code limit}
     * bytes; each file is read once per lookup however often it is asked for.
     *
     * @param names plain file names (a container id from a cgroup, say): one that is empty, {@code .},
     *              {@code ..}, or holds a {@code /} or NUL makes the whole path unreadable
     */
    Optional<byte[]> read(String base, List<String> names, int owner, int limit) {
        List<Object> key = new ArrayList<>(names);
        key.add(base);
        key.add(owner);
        // get and put rather than computeIfAbsent's lambda: see NativeAccess.loader.
        Optional<byte[]> known = read.get(key);
        if (known == null) {
            known = readNow(base, names, owner, limit);
            read.put(key, known);
        }
        return known;
    }

    private Optional<byte[]> readNow(String base, List<String> names, int owner, int limit) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        for (String name : names) {
            if (!isPlainName(name)) {
                return Optional.empty();
            }
        }
        Optional<Path> realBase = bases.get(base);
        if (realBase == null) {
            realBase = resolve(base);
            bases.put(base, realBase);
        }
        if (realBase.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.read(realBase.get(), names, owner, limit));
        } catch (IOException | RuntimeException e) {
            log.debug("container engine state not read: " + base + "/" + String.join("/", names) + ": " + e);
            return Optional.empty();
        }
    }

    private Optional<Path> resolve(String base) {
        try {
            return Optional.of(TrustedDirectory.resolve(host.of(base)));
        } catch (IOException | RuntimeException e) {
            log.debug("container engine directory not used: " + base + ": " + e);
            return Optional.empty();
        }
    }

    static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\0') < 0 && name.length() <= NAME_MAX;
    }
}
