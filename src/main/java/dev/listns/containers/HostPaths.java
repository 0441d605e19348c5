package dev.listns.containers;

import java.nio.file.Path;

/**
 * Where the host's files are, and whose the system's engine state is: {@code /} and root on a real host;
 * a directory and the running user in tests, which lay out a fake host's engine state there.
 *
 * @param systemOwner the uid that owns the state files of the engines root runs
 * @param rootUid     the uid whose containers those engines run (root's, 0); any other uid runs rootless
 *                    engines of its own, with their state in its home
 */
record HostPaths(Path root, int systemOwner, int rootUid) {
    static final HostPaths REAL = new HostPaths(Path.of("/"), 0, 0);

    /** Whether a container whose supervisor runs as {@code uid} (-1: unknown) is the system engines'. */
    boolean runsSystemEngines(int uid) {
        return uid < 0 || uid == rootUid;
    }

    /** The host's {@code absolute} path, e.g. {@code /var/lib/docker}. */
    Path of(String absolute) {
        return root.resolve(absolute.substring(1));
    }
}
