package dev.listns.containers;

import static dev.listns.containers.FakeEngineHost.ROOT_UID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Container;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each engine's state, in the files of src/test/resources/engines (real podman files recorded on this
 * machine, the others written from the engines' sources: see the README there), laid out where the
 * engine keeps them, read by every reader this JVM has. Docker's and LXC's real files, and podman's
 * with the cgroup and conmon that lead to them, are in {@link RecordedEngineFilesTest}.
 */
class EngineFormatsTest {
    /** The container podman 4.3.1 ran as web1 when the recorded files were made. */
    static final String PODMAN_ID = "edb77761c181664f7226218532a8ac2adddce0dc74d762da54c339242a500c91";
    static final String DOCKER_K8S_ID = "8f2e4d6c0b1a39587e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a291807";
    static final String CRI_ID = "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c";
    static final String SANDBOX_ID = "5f3a1c9e7b5d3f1a9c7e5b3d1f9a7c5e3b1d9f7a5c3e1b9d7f5a3c1e9b7d5f3a";
    static final String NERDCTL_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String CRIO_ID = "2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f";
    static final String CRIO_SANDBOX_ID = "6e8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a";
    static final String PODMAN_LIST = "/var/lib/containers/storage/overlay-containers/containers.json";
    static final String TASKS = "/run/containerd/io.containerd.runtime.v2.task";

    @TempDir
    Path dir;
    FakeEngineHost host;

    @BeforeEach
    void setUp() {
        host = new FakeEngineHost(dir);
    }

    static List<StateFileReader> readers() {
        return FakeEngineHost.readers().toList();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void podmanRootfulNamesFromTheRecordedContainersJson(StateFileReader reader) {
        host.putResource(PODMAN_LIST, "podman/containers.json");

        Optional<Container> named = host.name(reader, new Container("podman", PODMAN_ID), ROOT_UID);

        assertThat(named).map(Container::name).hasValue(Optional.of("web1"));
        assertThat(named).map(Container::label).hasValue("podman:web1");
        assertThat(named.get().labels()).isEmpty();
        assertThat(host.name(reader, new Container("podman", PODMAN_ID), -1)).as("owner unknown: root's store")
                .map(Container::label).hasValue("podman:web1");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void podmanRootlessNamesFromTheUsersOwnStoreOnly(StateFileReader reader) {
        host.aliceAtHome().putResource("/home/alice/.local/share/containers/storage/overlay-containers/containers.json",
                "podman/containers.json");

        assertThat(host.name(reader, new Container("podman", PODMAN_ID), host.me())).map(Container::label)
                .hasValue("podman:web1");
        assertThat(host.name(reader, new Container("podman", PODMAN_ID), ROOT_UID))
                .as("root's containers are not looked for in a user's home").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void podmanRootlessNeverReadsRootsStore(StateFileReader reader) {
        host.aliceAtHome().putResource(PODMAN_LIST, "podman/containers.json");

        assertThat(host.name(reader, new Container("podman", PODMAN_ID), host.me())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void podmanVolatileContainersAreNamedFromTheGraphOrTheRunRoot(StateFileReader reader) {
        String list = "[{\"id\":\"" + PODMAN_ID + "\",\"names\":[\"tmp1\"],\"image\":\"x\",\"layer\":\"y\"}]";
        host.aliceAtHome().put("/run/user/" + host.me() + "/containers/overlay-containers/volatile-containers.json", list);
        host.put("/var/lib/containers/storage/vfs-containers/volatile-containers.json", list.replace("tmp1", "tmp2"));

        assertThat(host.name(reader, new Container("podman", PODMAN_ID), host.me())).map(Container::label)
                .hasValue("podman:tmp1");
        assertThat(host.name(reader, new Container("podman", PODMAN_ID), ROOT_UID)).map(Container::label)
                .hasValue("podman:tmp2");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void dockerUnderTheKubeletIsNamedByItsPod(StateFileReader reader) {
        host.putResource("/var/lib/docker/containers/" + DOCKER_K8S_ID + "/config.v2.json",
                "docker/kubernetes-config.v2.json");

        Container named = host.name(reader, new Container("docker", DOCKER_K8S_ID), ROOT_UID).orElseThrow();

        assertThat(named.name()).hasValue("coredns");
        assertThat(named.pod()).hasValue("coredns-7db6d8ff4d-x2k9p");
        assertThat(named.podNamespace()).hasValue("kube-system");
        assertThat(named.label()).isEqualTo("docker:kube-system/coredns-7db6d8ff4d-x2k9p/coredns");
        assertThat(named.labels()).containsEntry("io.kubernetes.pod.uid", "5e1c3a9b-7d2f-4e8a-b6c4-1f0e9d8c7b6a");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void containerdCriContainerAndSandbox(StateFileReader reader) {
        host.putResource(TASKS + "/k8s.io/" + CRI_ID + "/config.json", "containerd/k8s-container-config.json");
        host.putResource(TASKS + "/k8s.io/" + SANDBOX_ID + "/config.json", "containerd/k8s-sandbox-config.json");

        Container container = host.name(reader, new Container("containerd", CRI_ID), ROOT_UID).orElseThrow();
        Container sandbox = host.name(reader, new Container("containerd", SANDBOX_ID), ROOT_UID).orElseThrow();

        assertThat(container.label()).isEqualTo("containerd:kube-system/metrics-server-6d94bc8694-q7r4t/metrics-server");
        assertThat(container.name()).hasValue("metrics-server");
        assertThat(sandbox.name()).as("a pod's sandbox has no container name").isEmpty();
        assertThat(sandbox.label()).isEqualTo("containerd:kube-system/metrics-server-6d94bc8694-q7r4t");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void kubepodsCgroupFindsTheRuntimeThatRunsIt(StateFileReader reader) {
        host.putResource(TASKS + "/k8s.io/" + CRI_ID + "/config.json", "containerd/k8s-container-config.json");
        host.putResource("/var/lib/containers/storage/overlay-containers/" + CRIO_ID + "/userdata/config.json",
                "crio/container-config.json");

        assertThat(host.name(reader, new Container("kubepods", CRI_ID), ROOT_UID)).map(Container::label)
                .hasValue("kubepods:kube-system/metrics-server-6d94bc8694-q7r4t/metrics-server");
        assertThat(host.name(reader, new Container("kubepods", CRIO_ID), ROOT_UID)).map(Container::label)
                .hasValue("kubepods:shop/shop-web-5c8f7d9b6-h4j2m/web");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void nerdctlNameInTheNamespaceItsShimNames(StateFileReader reader) {
        host.putResource(TASKS + "/default/" + NERDCTL_ID + "/config.json", "containerd/nerdctl-config.json");
        host.putResource(TASKS + "/buildkit/" + CRI_ID + "/config.json", "containerd/nerdctl-config.json");

        assertThat(host.name(reader, new Container("containerd", NERDCTL_ID), ROOT_UID)).map(Container::label)
                .hasValue("containerd:cache");
        assertThat(host.name(reader, new Container("containerd", CRI_ID), ROOT_UID)).as("namespace not known").isEmpty();
        assertThat(host.name(reader, new Container("containerd", CRI_ID), ROOT_UID, Optional.of("buildkit")))
                .map(Container::label).hasValue("containerd:cache");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void crioContainerAndSandboxWithTheirLabels(StateFileReader reader) {
        host.putResource("/run/containers/storage/overlay-containers/" + CRIO_ID + "/userdata/config.json",
                "crio/container-config.json");
        host.putResource("/var/lib/containers/storage/overlay-containers/" + CRIO_SANDBOX_ID + "/userdata/config.json",
                "crio/sandbox-config.json");

        Container container = host.name(reader, new Container("cri-o", CRIO_ID), ROOT_UID).orElseThrow();
        Container sandbox = host.name(reader, new Container("cri-o", CRIO_SANDBOX_ID), ROOT_UID).orElseThrow();

        assertThat(container.label()).isEqualTo("cri-o:shop/shop-web-5c8f7d9b6-h4j2m/web");
        assertThat(container.labels()).containsEntry("io.kubernetes.container.name", "web").hasSize(4);
        assertThat(sandbox.label()).isEqualTo("cri-o:shop/shop-web-5c8f7d9b6-h4j2m");
        assertThat(sandbox.labels()).containsEntry("app", "shop-web").containsEntry("pod-template-hash", "5c8f7d9b6");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void podmansOwnConfigJsonNamesNoCriOContainer(StateFileReader reader) {
        host.putResource("/var/lib/containers/storage/overlay-containers/" + PODMAN_ID + "/userdata/config.json",
                "podman/config.json");

        assertThat(host.name(reader, new Container("cri-o", PODMAN_ID), ROOT_UID)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void nspawnIsConfirmedByItsMachineFile(StateFileReader reader) {
        // LXC, confirmed the same way by its config, is tested on real files in RecordedEngineFilesTest.
        host.putResource("/run/systemd/machines/builder", "nspawn/builder");
        host.put("/run/systemd/machines/vm1", "NAME=vm1\nCLASS=vm\n");

        assertThat(host.name(reader, new Container("nspawn", "builder"), ROOT_UID)).map(Container::name)
                .hasValue(Optional.of("builder"));
        assertThat(host.name(reader, new Container("nspawn", "vm1"), ROOT_UID)).as("not a container").isEmpty();
    }

    @Test
    void aStoresListIsReadOnceForAllItsContainers() {
        String list = "[{\"id\":\"" + "a".repeat(64) + "\",\"names\":[\"one\"]},{\"id\":\"" + "b".repeat(64)
                + "\",\"names\":[\"two\"]},{\"id\":\"" + "c".repeat(64) + "\",\"names\":[\"three\"]}]";
        host.put(PODMAN_LIST, list);
        AtomicInteger reads = new AtomicInteger();
        List<String> files = new ArrayList<>();
        StateFileReader counting = (base, names, owner, limit) -> {
            reads.incrementAndGet();
            files.add(String.join("/", names));
            return new JavaStateFileReader().read(base, names, owner, limit);
        };
        List<dev.listns.scan.ContainerNamer.Sighting> sightings = new ArrayList<>();
        for (String c : List.of("a", "b", "c")) {
            sightings.add(new dev.listns.scan.ContainerNamer.Sighting(new Container("podman", c.repeat(64)), ROOT_UID,
                    Optional.empty()));
        }

        var naming = new EngineRecords(host.paths(), counting, java.time.Duration.ofSeconds(10)).name(sightings);

        assertThat(naming.named().values()).extracting(Container::label)
                .containsExactlyInAnyOrder("podman:one", "podman:two", "podman:three");
        assertThat(files).containsOnlyOnce("overlay-containers/containers.json");
        assertThat(reads.get()).isEqualTo(1);
        assertThat(naming.notes()).anyMatch(n -> n.startsWith("container names: 3 of 3 containers named"));
    }
}
