package dev.listns.containers;

import java.nio.file.Path;

/**
 * Where the host's files are, and whose the system's engine state is: {@code /} and root on a real host;
 * a directory and the running user in tests, which lay out a fake host's engine state there.
 *
 * @param systemOwner the uid that owns the state of engines run by root
 */
record HostPaths(Path root, int systemOwner) {
    static final HostPaths REAL = new HostPaths(Path.of("/"), 0);

    /** The host's {@code absolute} path, e.g. {@code /var/lib/docker}. */
    Path of(String absolute) {
        return root.resolve(absolute.substring(1));
    }
}
