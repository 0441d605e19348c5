package dev.listns.containers;

import static dev.listns.containers.FakeEngineHost.ROOT_UID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.HolderKind;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanResult;
import dev.listns.testing.FakeProc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real engines' files for one container named {@code web1} (src/test/resources/engines/*-recorded, each
 * with a README saying how they were made), from both ends: a fake /proc whose container process has
 * the recorded {@code /proc/PID/cgroup} (and, for podman, its conmon the recorded command line) is
 * scanned, and the scan's sighting is named by the engine readers over the recorded state files, laid
 * out where each engine keeps them by default. No id is written here: each comes from the recording.
 */
class RecordedEngineFilesTest {
    private static final String DOCKER_CONTAINERS = "/var/lib/docker/containers";
    private static final String PODMAN_STORE = "/var/lib/containers/storage";
    private static final int CONTAINER_PID = 501;
    private static final int SUPERVISOR_PID = 500;

    @TempDir
    Path dir;
    FakeEngineHost host;
    FakeProc proc;

    @BeforeEach
    void setUp() throws IOException {
        host = new FakeEngineHost(Files.createDirectory(dir.resolve("host")));
        proc = new FakeProc(dir);
        proc.process(1).comm("systemd").ppid(0).cmdline("/sbin/init").initialNamespaces();
        proc.process(2).comm("kthreadd").ppid(0).initialNamespaces();
        proc.process(300).comm("java").cmdline("java", "-jar", "listns.jar").initialNamespaces();
        proc.self(300);
    }

    static List<StateFileReader> readers() {
        return FakeEngineHost.readers().toList();
    }

    /** The one directory below the recorded {@code resourceDir}: the container's id, as its engine filed it. */
    static String recordedId(String resourceDir) {
        try (Stream<Path> entries = Files.list(FakeEngineHost.resourcePath(resourceDir))) {
            List<String> ids = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
            assertThat(ids).as("one recorded container in " + resourceDir).hasSize(1);
            return ids.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String resource) {
        return new String(FakeEngineHost.resource(resource), StandardCharsets.UTF_8);
    }

    /** The container's first process, root's, in namespaces of its own, in the cgroup {@code cgroup}. */
    private void containerProcess(int ppid, String cgroup) {
        proc.process(CONTAINER_PID).comm("sleep").ppid(ppid).cmdline("/bin/sleep", "600").initialNamespaces()
                .ns("mnt", 4026532501L).ns("net", 4026532502L).ns("pid", 4026532503L).ns("uts", 4026532504L)
                .cgroup(cgroup).uid(ROOT_UID);
    }

    /** podman's conmon for the recorded container, root's, with the command line it was recorded with. */
    private void recordedConmon() {
        proc.process(SUPERVISOR_PID).comm("conmon").ppid(1).initialNamespaces()
                .cmdline(text("podman-recorded/conmon-cmdline.txt").split("\n")).uid(ROOT_UID);
    }

    /** The container the scan gives the container's process, named by the engine readers over the fake host. */
    private Container scanned(StateFileReader reader) {
        ScanResult result = proc.scanner()
                .withContainerNamer(new EngineRecords(host.paths(), reader, Duration.ofSeconds(10))).scan();
        return result.namespaces().stream().flatMap(n -> n.holders().stream())
                .filter(h -> h.kind() == HolderKind.PROCESS && h.memberPid().getAsInt() == CONTAINER_PID)
                .findFirst().flatMap(Holder::process).flatMap(ProcessInfo::container).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void dockerCgroupMeetsItsConfigV2WithNameAndLabels(StateFileReader reader) {
        host.putTree(DOCKER_CONTAINERS, "docker-recorded/containers");
        containerProcess(1, text("docker-recorded/proc-cgroup.txt"));

        Container container = scanned(reader);

        assertThat(container.engine()).isEqualTo("docker");
        assertThat(container.id()).isEqualTo(recordedId("docker-recorded/containers"));
        assertThat(container.name()).hasValue("web1");
        assertThat(container.pod()).isEmpty();
        // The two --label options of the recorded `docker run`; the image has none of its own.
        assertThat(container.labels()).isEqualTo(Map.of("org.example.app", "web", "org.example.tier", "front"));
    }

    @ParameterizedTest
    @MethodSource("readers")
    void dockerRefusesAnotherContainersConfig(StateFileReader reader) {
        String id = recordedId("docker-recorded/containers");
        String other = id.substring(32) + id.substring(0, 32);
        host.put(DOCKER_CONTAINERS + "/" + other + "/config.v2.json",
                FakeEngineHost.resource("docker-recorded/containers/" + id + "/config.v2.json"));

        assertThat(host.name(reader, new Container("docker", other), ROOT_UID)).isEmpty();
    }

    @Test
    void dockersOciBundleHasNoNameForTheContainerdReader() throws IOException {
        // Docker's containerd task (namespace moby) runs this spec: the name is in config.v2.json only.
        assertThat(EngineJson.ociAnnotations(FakeEngineHost.resource("docker-recorded/bundle/config.json"))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void podmanCgroupMeetsItsContainersJson(StateFileReader reader) {
        host.putTree(PODMAN_STORE, "podman-recorded/storage");
        recordedConmon();
        containerProcess(SUPERVISOR_PID, text("podman-recorded/proc-cgroup.txt"));

        Container container = scanned(reader);

        assertThat(container.engine()).isEqualTo("podman");
        assertThat(container.id()).isEqualTo(recordedId("podman-recorded/storage/overlay-containers"));
        assertThat(container.name()).hasValue("web1");
        assertThat(container.labels()).as("podman keeps --label in its database, not in these files").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void podmanConmonCommandLineMeetsItsContainersJson(StateFileReader reader) {
        host.putTree(PODMAN_STORE, "podman-recorded/storage");
        recordedConmon();
        // A cgroup that names no engine, as a rootless container's on cgroup v1: conmon's -c tells the id.
        containerProcess(SUPERVISOR_PID, "0::/user.slice/user-1000.slice/session-3.scope");

        Container container = scanned(reader);

        assertThat(container.label()).isEqualTo("podman:web1");
        assertThat(container.id()).isEqualTo(recordedId("podman-recorded/storage/overlay-containers"));
    }

    @ParameterizedTest
    @MethodSource("readers")
    void podmansOwnSpecNamesNoCriOContainerThoughItHasCriOAnnotations(StateFileReader reader) {
        host.putTree(PODMAN_STORE, "podman-recorded/storage");
        String id = recordedId("podman-recorded/storage/overlay-containers");
        assertThat(text("podman-recorded/storage/overlay-containers/" + id + "/userdata/config.json"))
                .contains("\"io.kubernetes.cri-o.Created\"");

        assertThat(host.name(reader, new Container("cri-o", id), ROOT_UID)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void lxcCgroupMeetsItsConfig(StateFileReader reader) {
        host.putTree("/var/lib/lxc", "lxc-recorded/var/lib/lxc");
        // LXC's monitor, which its argv names as the recording shows; it runs in the host's namespaces.
        proc.process(SUPERVISOR_PID).comm("lxc-start").ppid(1).initialNamespaces()
                .cmdline(text("lxc-recorded/monitor-cmdline.txt").strip()).uid(ROOT_UID);
        containerProcess(SUPERVISOR_PID, text("lxc-recorded/proc-cgroup.txt"));

        Container container = scanned(reader);

        assertThat(container.engine()).isEqualTo("lxc");
        assertThat(container.name()).hasValue(recordedId("lxc-recorded/var/lib/lxc")).hasValue("web1");
        assertThat(host.name(reader, new Container("lxc", "web2"), ROOT_UID)).as("no config, no name").isEmpty();
    }
}
