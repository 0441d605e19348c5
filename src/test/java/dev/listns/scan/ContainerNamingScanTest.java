package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.HolderKind;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanResult;
import dev.listns.testing.FakeProc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a scan asks for its containers' names: once per container, with what tells where their engine keeps them. */
class ContainerNamingScanTest {
    private static final String HEX = "f471e77695a2c0b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b";
    private static final String HEX2 = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @TempDir
    Path tempDir;
    FakeProc proc;
    final List<List<ContainerNamer.Sighting>> asked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        proc = new FakeProc(tempDir);
        proc.process(1).comm("systemd").ppid(0).cmdline("/sbin/init").initialNamespaces();
        proc.process(2).comm("kthreadd").ppid(0).initialNamespaces();
        proc.process(300).comm("java").cmdline("java", "-jar", "listns.jar").initialNamespaces();
        proc.self(300);
    }

    /** A namer that names every container {@code name-<first 4 hex digits>} and remembers what it was asked. */
    private ScanResult scan() {
        ContainerNamer namer = sightings -> {
            asked.add(sightings);
            Map<Container, Container> named = new java.util.HashMap<>();
            sightings.forEach(s -> named.put(s.container(), s.container().named(
                    Optional.of("name-" + s.container().id().substring(0, 4)), Optional.empty(), Optional.empty(), Map.of())));
            return new ContainerNamer.Naming(named, List.of("container names: test"));
        };
        return proc.scanner().withContainerNamer(namer).scan();
    }

    private static ProcessInfo info(ScanResult result, int pid) {
        return result.namespaces().stream().flatMap(n -> n.holders().stream())
                .filter(h -> h.kind() == HolderKind.PROCESS && h.memberPid().getAsInt() == pid)
                .findFirst().flatMap(Holder::process).orElseThrow();
    }

    private void status(FakeProc.Process process, int uid) throws IOException {
        Files.writeString(process.dir().resolve("status"), "Name:\tx\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t" + uid
                + "\t" + uid + "\t" + uid + "\t" + uid + "\nGid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
    }

    @Test
    void eachContainerIsAskedForOnceWithTheUidOfItsConmon() throws IOException {
        FakeProc.Process conmon = proc.process(400).comm("conmon").ppid(1).initialNamespaces()
                .cmdline("/usr/bin/conmon", "--api-version", "1", "-c", HEX, "-u", HEX, "-n", "web1");
        status(conmon, 1000);
        status(proc.process(401).comm("sleep").ppid(400).initialNamespaces().ns("net", 4026532710L).cgroup("0::/"), 101000);
        for (int pid = 402; pid < 410; pid++) {
            status(proc.process(pid).comm("sh").ppid(401).initialNamespaces().ns("net", 4026532710L).cgroup("0::/"), 101000);
        }

        ScanResult result = scan();

        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactly(new ContainerNamer.Sighting(new Container("podman", HEX), 1000, Optional.empty()));
        for (int pid = 401; pid < 410; pid++) {
            assertThat(info(result, pid).container()).map(Container::label).hasValue("podman:name-f471");
        }
        assertThat(result.notes()).contains("container names: test");
    }

    @Test
    void aShimGivesItsContainerdNamespaceAndACgroupMatchStillFindsItsSupervisor() throws IOException {
        FakeProc.Process shim = proc.process(410).comm("containerd-shim").ppid(1).initialNamespaces()
                .cmdline("/usr/bin/containerd-shim-runc-v2", "-namespace", "k8s.io", "-id", HEX2, "-address", "/run/containerd/containerd.sock");
        status(shim, 0);
        status(proc.process(411).comm("pause").ppid(410).initialNamespaces().ns("mnt", 4026532421L)
                .cgroup("0::/kubepods.slice/kubepods-pod1.slice/cri-containerd-" + HEX2 + ".scope"), 65535);

        ScanResult result = scan();

        assertThat(asked).containsExactly(List.of(
                new ContainerNamer.Sighting(new Container("containerd", HEX2), 0, Optional.of("k8s.io"))));
        assertThat(info(result, 411).container()).map(Container::label).hasValue("containerd:name-0a1b");
    }

    @Test
    void withoutASupervisorTheProcessOwnUidCountsAndAnUnreadableOneIsUnknown() throws IOException {
        status(proc.process(500).comm("nginx").ppid(1).initialNamespaces().ns("mnt", 4026532500L)
                .cgroup("0::/system.slice/docker-" + HEX + ".scope"), 0);
        proc.process(510).comm("nginx").ppid(1).initialNamespaces().ns("mnt", 4026532510L)
                .cgroup("0::/system.slice/docker-" + HEX2 + ".scope");

        scan();

        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactlyInAnyOrder(
                new ContainerNamer.Sighting(new Container("docker", HEX), 0, Optional.empty()),
                new ContainerNamer.Sighting(new Container("docker", HEX2), -1, Optional.empty()));
    }

    @Test
    void aHostWithoutContainersNeverMakesTheNamer() {
        proc.process(600).comm("unshare").ppid(1).initialNamespaces().ns("net", 4026532600L).cgroup("0::/user.slice");

        ScanResult result = proc.scanner().withContainerNamer(sightings -> {
            throw new AssertionError("asked to name " + sightings);
        }).scan();

        assertThat(info(result, 600).container()).isEmpty();
    }

    /** A namer that names nothing and counts down when prepared. */
    private static ContainerNamer preparing(java.util.concurrent.CountDownLatch prepared) {
        return new ContainerNamer() {
            @Override
            public Naming name(List<Sighting> sightings) {
                return new Naming(Map.of(), List.of());
            }

            @Override
            public void prepare() {
                prepared.countDown();
            }
        };
    }

    @Test
    void theNamerIsPreparedDuringTheWalkOnceASupervisorIsSeen() throws Exception {
        proc.process(400).comm("conmon").ppid(1).initialNamespaces().cmdline("/usr/bin/conmon", "-c", HEX);
        proc.process(401).comm("sleep").ppid(400).initialNamespaces().ns("net", 4026532710L).cgroup("0::/");
        java.util.concurrent.CountDownLatch prepared = new java.util.concurrent.CountDownLatch(1);

        proc.scanner().withContainerNamer(preparing(prepared)).scan();

        assertThat(prepared.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void noSignOfAContainerPreparesNothing() {
        proc.process(600).comm("unshare").ppid(1).initialNamespaces().ns("net", 4026532600L).cgroup("0::/user.slice");
        java.util.concurrent.CountDownLatch prepared = new java.util.concurrent.CountDownLatch(1);

        proc.scanner().withContainerNamer(preparing(prepared)).scan();

        assertThat(prepared.getCount()).isOne();
    }

    @Test
    void whatTheNamerCannotNameKeepsItsId() {
        proc.process(700).comm("sleep").ppid(1).initialNamespaces().ns("net", 4026532700L).cgroup("0::/libpod_parent/libpod-" + HEX);

        ScanResult result = proc.scanner().withContainerNamer(s -> new ContainerNamer.Naming(Map.of(), List.of())).scan();

        assertThat(info(result, 700).container()).hasValue(new Container("podman", HEX));
        assertThat(info(result, 700).container().get().label()).isEqualTo("podman:f471e77695a2");
    }
}
