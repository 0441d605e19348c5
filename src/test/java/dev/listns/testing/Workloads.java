package dev.listns.testing;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * Decides what a test does when a real program it runs (podman, promtool, lsns...) is missing or
 * cannot run here. By default it is skipped, so that {@code ./mvnw test} works on any machine and
 * changes nothing on it. With {@code -Dlistns.workloads=required}, which the README's test command (and
 * so CI) passes after {@code tests/install-workloads} installed every such program, it fails instead: a
 * skip there would hide that a real workload was never tested.
 */
public final class Workloads {
    /** The system property; {@value #REQUIRED} makes a missing program a failure. */
    public static final String PROPERTY = "listns.workloads";
    public static final String REQUIRED = "required";

    /** The Debian package of each program the tests run, for the message that says what to install. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("podman", "podman"),
            Map.entry("runc", "runc"),
            Map.entry("busybox", "busybox-static"),
            Map.entry("lxc-create", "lxc"),
            Map.entry("lxc-start", "lxc"),
            Map.entry("bwrap", "bubblewrap"),
            Map.entry("dockerd", "docker.io"),
            Map.entry("promtool", "prometheus"),
            Map.entry("zsh", "zsh"),
            Map.entry("man", "man-db"),
            Map.entry("lexgrog", "man-db"),
            Map.entry("python3", "python3"),
            Map.entry("ip", "iproute2"),
            Map.entry("mount", "mount"),
            Map.entry("useradd", "passwd"),
            Map.entry("lsns", "util-linux"),
            Map.entry("setpriv", "util-linux"),
            Map.entry("unshare", "util-linux"),
            Map.entry("nsenter", "util-linux"),
            Map.entry("taskset", "util-linux"));

    private Workloads() {
    }

    /** Whether this run must test every real workload ({@code -Dlistns.workloads=required}). */
    public static boolean required() {
        return REQUIRED.equals(System.getProperty(PROPERTY));
    }

    /** Skips the calling test, or fails it when {@link #required()}, unless every program is on PATH. */
    public static void require(String... programs) {
        for (String program : programs) {
            if (!Commands.onPath(program)) {
                unavailable(notInstalled(program));
            }
        }
    }

    /** What a test says of a missing program: with its Debian package, where the tests know it. */
    static String notInstalled(String program) {
        return program + " is not installed"
                + (PACKAGES.containsKey(program) ? " (Debian package " + PACKAGES.get(program) + ")" : "");
    }

    /**
     * The calling test cannot run here, for the reason given (a program is missing, or it is there but
     * cannot start its workload): skipped, or failed when {@link #required()}. Never returns.
     */
    public static void unavailable(String why) {
        if (required()) {
            throw new AssertionError(why + "; -D" + PROPERTY + "=" + REQUIRED
                    + " makes this a failure (tests/install-workloads installs every program the tests run)");
        }
        Assumptions.abort(why + "; skipped (tests/install-workloads installs it; -Dlistns.workloads=required makes this a failure)");
    }
}
