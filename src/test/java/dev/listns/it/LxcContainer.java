package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real LXC system container from the {@code busybox} template: busybox's init, syslogd and getty,
 * under LXC's monitor process. It lives in a container directory (lxcpath) of the sandbox's own, so
 * nothing is written under {@code /var/lib/lxc}, and it has no network device
 * ({@code lxc.net.0.type = empty}): hosts like this one have no {@code lxcbr0} bridge for the default
 * veth. Stopped and destroyed when the sandbox closes.
 *
 * @param name       the container's name ({@code lxc-create -n})
 * @param initPid    the host PID of its init
 * @param monitorPid the host PID of {@code [lxc monitor]}, init's parent, which holds the container's
 *                   namespaces open
 */
record LxcContainer(String name, int initPid, int monitorPid) {
    static final String NAME_PREFIX = "listns-it-lxc";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The cgroup LXC 5 makes in each hierarchy for its monitors, and leaves behind when they exit. */
    private static final String PIVOT_CGROUP = "lxc.pivot";

    static LxcContainer start(Sandbox sandbox) throws Exception {
        Workloads.require("lxc-create", "lxc-start", "busybox");
        String name = Sandbox.uniqueName(NAME_PREFIX);
        Path lxcPath = sandbox.workDir().resolve("lxc");
        Files.createDirectory(lxcPath);
        Path config = Files.writeString(sandbox.workDir().resolve("lxc-" + name + ".conf"),
                "lxc.net.0.type = empty\n"
                // The host's AppArmor, if any, is not what this test is about.
                + "lxc.apparmor.profile = unconfined\n");
        removeNewPivotCgroupsOnClose(sandbox);
        sandbox.onClose("lxc-destroy " + name, () -> {
            if (Files.exists(lxcPath.resolve(name))) {
                lxc("lxc-destroy", "-P", lxcPath.toString(), "-n", name, "-f").assertSuccess();
            }
        });
        Commands.Exec create = lxc("lxc-create", "-P", lxcPath.toString(), "-n", name, "-t", "busybox", "-f", config.toString());
        if (create.exitCode() != 0) {
            Workloads.unavailable("lxc-create -t busybox failed: " + create);
        }
        sandbox.onClose("lxc-stop " + name, () -> {
            Commands.Exec stop = lxc("lxc-stop", "-P", lxcPath.toString(), "-n", name, "-k");
            // 2: the container was not running (it never started, or stopped on its own).
            if (stop.exitCode() != 0 && stop.exitCode() != 2) {
                throw new IllegalStateException("lxc-stop " + name + ": " + stop);
            }
        });
        Path log = sandbox.workDir().resolve("lxc-" + name + ".log");
        Commands.Exec start = lxc("lxc-start", "-P", lxcPath.toString(), "-n", name, "-d", "-o", log.toString());
        if (start.exitCode() != 0) {
            Workloads.unavailable("lxc-start failed: " + start + "\n--- its log:\n" + Commands.abbreviate(Commands.readQuietly(log)));
        }
        int init = Sandbox.await("the init of LXC container " + name, Sandbox.START_TIMEOUT, () -> {
            try {
                String pid = lxc("lxc-info", "-P", lxcPath.toString(), "-n", name, "-p", "-H").stdout().strip();
                return pid.matches("\\d+") ? Optional.of(Integer.parseInt(pid)) : Optional.empty();
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("lxc-info " + name, e);
            }
        });
        int monitor = ProcessHandle.of(init).flatMap(ProcessHandle::parent).map(p -> (int) p.pid())
                .orElseThrow(() -> new AssertionError("the init of " + name + " has no parent"));
        assertThat(Commands.readQuietly(Path.of("/proc", Integer.toString(monitor), "cmdline")))
                .as("init's parent is LXC's monitor").startsWith("[lxc monitor] ");
        return new LxcContainer(name, init, monitor);
    }

    /** The label listns puts before the command of this container's processes. */
    String label() {
        return "[lxc:" + name + "]";
    }

    /**
     * LXC moves its monitor into a {@code lxc.pivot} cgroup in every hierarchy and never removes it. Those
     * this test brought into being are removed afterwards, unless another LXC container uses them by then.
     */
    private static void removeNewPivotCgroupsOnClose(Sandbox sandbox) throws IOException {
        List<Path> absent = hierarchies().map(h -> h.resolve(PIVOT_CGROUP)).filter(p -> !Files.exists(p)).toList();
        sandbox.onClose("rmdir the " + PIVOT_CGROUP + " cgroups LXC made", () -> {
            for (Path pivot : absent) {
                try {
                    Files.deleteIfExists(pivot);
                } catch (FileSystemException busy) {
                    // another LXC container on the host has its monitor in it now: it is theirs
                }
            }
        });
    }

    /** The cgroup hierarchies mounted under /sys/fs/cgroup: one for v2 only, several on a hybrid host. */
    private static Stream<Path> hierarchies() throws IOException {
        Path root = Path.of("/sys/fs/cgroup");
        if (Files.exists(root.resolve("cgroup.controllers"))) {
            return Stream.of(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).toList().stream();
        }
    }

    private static Commands.Exec lxc(String... command) throws IOException, InterruptedException {
        return Commands.run(TIMEOUT, command);
    }
}
