package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real rootful podman container running {@code /bin/sleep 600}, from an image of its own imported
 * offline (busybox-static only), with runc as its runtime: crun fails on hosts with hybrid cgroups.
 * It is started by {@code src/test/resources/it/podman-container.sh} and removed, with its image, when
 * the sandbox closes. Its storage is podman's default, so what listns learns from podman's files about
 * it is what it learns about any other container on the host.
 *
 * @param name the container's name ({@code podman run --name})
 * @param id   its 64 hex digit id
 * @param pid  the host PID of its {@code sleep}, the container's first process
 */
record PodmanContainer(String name, String id, int pid) {
    /** Every test container's name starts with this; a random suffix lets several runs share a host. */
    static final String NAME_PREFIX = "listns-it-web";
    static final String COMMAND = "/bin/sleep 600";
    private static final Path SCRIPT = Path.of("src/test/resources/it/podman-container.sh").toAbsolutePath();
    /** The script's exit code for "podman cannot run here". */
    private static final int CANNOT_RUN = 3;

    /** Starts a new container, registered on {@code sandbox} for removal; skips or fails where podman cannot run. */
    static PodmanContainer start(Sandbox sandbox) throws Exception {
        Workloads.require("podman", "runc", "busybox");
        String name = Sandbox.uniqueName(NAME_PREFIX);
        sandbox.onClose("podman-container.sh stop " + name, () -> script(Duration.ofSeconds(120), List.of("stop", name)).assertSuccess());
        // The first podman call on a fresh host also creates its storage.
        Commands.Exec start = script(Duration.ofSeconds(180), List.of("start", name));
        if (start.exitCode() == CANNOT_RUN) {
            Workloads.unavailable("podman cannot run a container here: " + start.stderr().strip());
        }
        assertThat(start.exitCode()).as("podman-container.sh start: %s", start).isZero();
        String[] answer = start.stdout().strip().split(" ");
        assertThat(answer).as("podman-container.sh start printed: %s", start.stdout()).hasSize(2);
        assertThat(answer[1]).matches("[0-9a-f]{64}");
        return new PodmanContainer(name, answer[1], Integer.parseInt(answer[0]));
    }

    /** The label listns puts before the command of this container's processes: its name, from podman's files. */
    String label() {
        return "[podman:" + name + "]";
    }

    /** Runs one more process in the container ({@code podman exec -d}), as people do to look inside. */
    void exec(String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("exec", name));
        arguments.addAll(List.of(command));
        script(Duration.ofSeconds(60), arguments).assertSuccess();
    }

    private static Commands.Exec script(Duration timeout, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(arguments);
        return Commands.run(timeout, command, null);
    }
}
