package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker container running {@code /bin/sleep 600}, in a Docker engine of the test's own: a
 * {@code dockerd} (Debian's docker.io) with its data root, exec root and socket in the sandbox, the
 * {@code vfs} storage driver (works on any filesystem), and no bridge, NAT rules or proxy, so the
 * host's network is left as it was. The image is imported offline from a tarball of busybox-static.
 * On close the container and image are removed, then the engine is stopped (SIGTERM, and SIGKILL if
 * it lingers), and the run directories it made are removed.
 *
 * @param name      the container's name ({@code docker run --name})
 * @param id        its 64 hex digit id
 * @param pid       the host PID of its {@code sleep}
 * @param execRoot  the engine's exec root, under which it bind-mounts each container's network namespace
 */
record DockerContainer(String name, String id, int pid, Path execRoot) {
    static final String NAME_PREFIX = "listns-it-docker";
    static final String COMMAND = "/bin/sleep 600";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Made by dockerd and containerd wherever their roots are (plugin sockets, shim sockets). */
    private static final List<Path> FIXED_RUN_DIRS = List.of(Path.of("/run/docker/plugins"), Path.of("/run/docker"),
            Path.of("/run/containerd/s"), Path.of("/run/containerd"));

    static DockerContainer start(Sandbox sandbox) throws Exception {
        Workloads.require("dockerd", "busybox");
        Path root = sandbox.workDir().resolve("docker");
        Files.createDirectories(root);
        List<Path> newRunDirs = FIXED_RUN_DIRS.stream().filter(p -> !Files.exists(p)).toList();
        sandbox.onClose("remove the run directories dockerd made", () -> {
            for (Path dir : newRunDirs) {
                if (isEmptyDirectory(dir)) {
                    Files.delete(dir);
                }
            }
        });
        Path execRoot = root.resolve("exec");
        String host = "unix://" + root.resolve("docker.sock");
        Sandbox.Started daemon = sandbox.start("dockerd", "--data-root", root.resolve("data").toString(),
                "--exec-root", execRoot.toString(), "--pidfile", root.resolve("dockerd.pid").toString(), "-H", host,
                "--config-file", daemonConfig(root).toString(),
                "--storage-driver", "vfs", "--bridge", "none", "--iptables=false", "--ip6tables=false",
                "--ip-masq=false", "--userland-proxy=false");
        sandbox.onClose("stop dockerd " + daemon.process().pid(), () -> stop(daemon.process()));
        Docker docker = new Docker(host);
        Optional<String> ready = awaitEngine(daemon, docker);
        if (ready.isPresent()) {
            Workloads.unavailable("dockerd does not run here: " + ready.get());
        }

        String name = Sandbox.uniqueName(NAME_PREFIX);
        String image = name + "-image:latest";
        sandbox.onClose("docker rmi " + image, () -> docker.run("rmi", "--force", image));
        docker.run("import", busyboxRootfsTar(sandbox.workDir()).toString(), image).assertSuccess();
        sandbox.onClose("docker rm -f " + name, () -> docker.run("rm", "--force", name));
        String id = docker.run("run", "--detach", "--name", name, "--network", "none", "--ulimit", "nofile=1024:1024",
                image, "/bin/sleep", "600").assertSuccess().stdout().strip();
        assertThat(id).matches("[0-9a-f]{64}");
        int pid = Integer.parseInt(docker.run("inspect", "--format", "{{.State.Pid}}", name).assertSuccess().stdout().strip());
        Sandbox.await("docker container " + name + " running sleep", Sandbox.START_TIMEOUT,
                () -> Optional.of(pid).filter(p -> "sleep".equals(Sandbox.comm(p))));
        return new DockerContainer(name, id, pid, execRoot);
    }

    /** The label listns puts before the command of this container's processes (the name, once listns reads Docker's files). */
    String label() {
        return "[docker:" + id.substring(0, 12) + "]";
    }

    /** The Docker client of Debian's docker.io, talking to the test's engine only. */
    private record Docker(String host) {
        Commands.Exec run(String... arguments) throws IOException, InterruptedException {
            // /usr/bin/docker is docker.io's own client; another one earlier on PATH may not speak its API.
            String client = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
            List<String> command = new ArrayList<>(List.of(client, "--host", host));
            command.addAll(List.of(arguments));
            return Commands.run(TIMEOUT, command, null);
        }
    }

    /** Waits until the engine answers; empty when it does, else why not. */
    private static Optional<String> awaitEngine(Sandbox.Started daemon, Docker docker) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.process().isAlive()) {
                return Optional.of("dockerd exited with " + daemon.process().exitValue() + ": "
                        + Commands.abbreviate(daemon.stderr().strip()));
            }
            if (docker.run("version", "--format", "{{.Server.Version}}").exitCode() == 0) {
                return Optional.empty();
            }
            Thread.sleep(200);
        }
        return Optional.of("no answer from dockerd within " + TIMEOUT.toSeconds() + " s: " + Commands.abbreviate(daemon.stderr()));
    }

    /**
     * The engine's configuration file, in place of the host's {@code /etc/docker/daemon.json}. It moves the
     * key Docker 20.10 makes at its first start out of {@code /etc/docker/key.json}: a config-file key only.
     */
    private static Path daemonConfig(Path root) throws IOException {
        return Files.writeString(root.resolve("daemon.json"),
                "{\"deprecated-key-path\": \"" + root.resolve("key.json") + "\"}\n");
    }

    /** A root filesystem holding only busybox-static as {@code /bin/sh} and {@code /bin/sleep}, as a tarball. */
    private static Path busyboxRootfsTar(Path workDir) throws Exception {
        Path rootfs = Files.createDirectory(workDir.resolve("rootfs"));
        for (String dir : List.of("bin", "dev", "etc", "proc", "sys", "tmp")) {
            Files.createDirectory(rootfs.resolve(dir));
        }
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/sleep"), Path.of("busybox"));
        Path tar = workDir.resolve("rootfs.tar");
        Commands.run(TIMEOUT, "tar", "-C", rootfs.toString(), "--numeric-owner", "--owner=0", "--group=0",
                "-cf", tar.toString(), ".").assertSuccess();
        return tar;
    }

    /** SIGTERM, for a clean shutdown of containerd and the mounts; the sandbox's SIGKILL follows if it hangs. */
    private static void stop(Process daemon) throws InterruptedException {
        daemon.destroy();
        daemon.waitFor(30, TimeUnit.SECONDS);
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
