package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.it.WorkloadChecks.Expected;
import dev.listns.model.HolderKind;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.nativeaccess.NativeAccess;
import dev.listns.output.Promtool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * listns against what people really run: a podman container, an LXC container, a Docker container,
 * bubblewrap sandboxes of root's and of a normal user's, each started here with a name and removed
 * afterwards. Where a tool is missing these tests skip, except under {@code -Dlistns.workloads=required}
 * (the README's test command, {@code tests/install-workloads} then Maven), where they fail.
 */
@Timeout(300)
class RealWorkloadsIT {
    private Sandbox sandbox;

    @BeforeEach
    void setUp() throws Exception {
        Sandbox.assumeRoot();
        sandbox = new Sandbox();
    }

    @AfterEach
    void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aPodmanContainersNamespacesAndEveryProcessInItCarryItsLabel() throws Exception {
        PodmanContainer container = PodmanContainer.start(sandbox);
        container.exec("/bin/sleep", "601");
        int exec = Sandbox.await("the process podman exec started", Sandbox.START_TIMEOUT, () -> WorkloadChecks
                .sameNamespace(container.pid(), NamespaceType.PID).stream()
                .filter(pid -> commandLine(pid).equals("/bin/sleep 601")).findFirst());
        Expected podman = new Expected("podman", container.id());

        ScanResult result = WorkloadChecks.assertScanned(List.of(container.pid(), exec), podman);
        assertThat(WorkloadChecks.assertEveryMember(result, container.pid(), podman)).containsExactlyInAnyOrder(container.pid(), exec);
        WorkloadChecks.assertRows(container.pid(), container.label() + " " + PodmanContainer.COMMAND);
        WorkloadChecks.assertRows(exec, container.label() + " /bin/sleep 601");
        WorkloadChecks.assertJson(container.pid(), podman);
        WorkloadChecks.assertJson(exec, podman);
    }

    @Test
    void anLxcContainersNamespacesCarryItsNameAndItsMonitorHoldsThemOpen() throws Exception {
        LxcContainer container = LxcContainer.start(sandbox);
        Expected lxc = new Expected("lxc", container.name());

        Sandbox.await("a child of init in " + container.name(), Sandbox.START_TIMEOUT,
                () -> ProcessHandle.of(container.initPid()).flatMap(init -> init.children().findAny()));
        // busybox's init starts rcS and daemons that fork away: which PIDs live at scan time is the scan's to say.
        ScanResult result = WorkloadChecks.assertScanned(List.of(container.initPid()), lxc);
        assertThat(WorkloadChecks.assertEveryMember(result, container.initPid(), lxc)).as("init and what it started")
                .hasSizeGreaterThanOrEqualTo(2);
        WorkloadChecks.assertRows(container.initPid(), container.label() + " init");
        WorkloadChecks.assertJson(container.initPid(), lxc);
        // LXC's monitor keeps a descriptor of each of the container's namespaces, so they outlive its init.
        for (NamespaceType type : WorkloadChecks.ownTypes(container.initPid())) {
            NamespaceId id = Sandbox.namespaceOf(container.initPid(), type);
            assertThat(result.find(id).orElseThrow().holders()).as("holders of %s", id)
                    .anyMatch(h -> h.kind() == HolderKind.FD && h.memberPid().isEmpty()
                            && h.process().map(p -> p.pid() == container.monitorPid()).orElse(false));
        }
    }

    @Test
    void aDockerContainersNamespacesCarryItsLabelAndItsNetworkNamespaceIsBoundUnderTheEnginesExecRoot() throws Exception {
        DockerContainer container = DockerContainer.start(sandbox);
        Expected docker = new Expected("docker", container.id());

        ScanResult result = WorkloadChecks.assertScanned(List.of(container.pid()), docker);
        WorkloadChecks.assertRows(container.pid(), container.label() + " " + DockerContainer.COMMAND);
        WorkloadChecks.assertJson(container.pid(), docker);
        NamespaceId net = Sandbox.namespaceOf(container.pid(), NamespaceType.NET);
        assertThat(result.find(net).orElseThrow().holders()).as("holders of %s", net)
                .anyMatch(h -> h instanceof Holders.BindMount && String.valueOf(h.details().get("path"))
                        .startsWith(container.execRoot().resolve("netns") + "/"));
    }

    @Test
    void aBubblewrapSandboxOfRootsIsFoundWithItsProcessesAndNoContainer() throws Exception {
        BubblewrapSandbox bwrap = BubblewrapSandbox.asRoot(sandbox);

        assertSandboxFound(bwrap);
    }

    @Test
    void aBubblewrapSandboxOfANormalUsersIsFoundInsideThatUsersNamespace() throws Exception {
        Sandbox.User user = sandbox.addUser("listns-bwrap");
        BubblewrapSandbox bwrap = BubblewrapSandbox.asUser(sandbox, user);

        ScanResult result = assertSandboxFound(bwrap);
        NamespaceId userNs = Sandbox.namespaceOf(bwrap.sleepPid(), NamespaceType.USER);
        assertThat(Files.getAttribute(Path.of("/proc", Long.toString(bwrap.sleepPid())), "unix:uid"))
                .as("sanity: the sandbox runs as %s", user).isEqualTo(user.uid());
        if (NativeAccess.supported()) {
            // NS_GET_OWNER_UID, NS_GET_PARENT and NS_GET_USERNS. bwrap nests the user namespace its command
            // runs in inside the one that owns the sandbox's other namespaces: that outer one has no process
            // in it and is held by its child. Both are the user's.
            List<NamespaceId> userChain = new ArrayList<>();
            for (Optional<NamespaceId> at = Optional.of(userNs); at.isPresent(); at = result.find(at.get()).flatMap(Namespace::parent)) {
                Namespace ns = result.find(at.get()).orElseThrow();
                if (ns.initial()) {
                    break;
                }
                assertThat(ns.ownerUid()).as("owner of %s", ns.id()).hasValue(user.uid());
                userChain.add(ns.id());
            }
            for (NamespaceType type : WorkloadChecks.ownTypes(bwrap.sleepPid())) {
                NamespaceId id = Sandbox.namespaceOf(bwrap.sleepPid(), type);
                assertThat(result.find(id).orElseThrow().owner()).as("owner of %s", id).hasValueSatisfying(owner ->
                        assertThat(userChain).as("the user's namespaces, innermost first").contains(owner));
            }
            for (NamespaceId outer : userChain.subList(1, userChain.size())) {
                assertThat(result.find(outer).orElseThrow().holders()).as("holders of %s", outer)
                        .anyMatch(h -> h.kind() == HolderKind.CHILD_NAMESPACE);
            }
        }
    }

    @Test
    void promtoolAcceptsThePrometheusOutputOfAHostRunningEveryWorkload() throws Exception {
        PodmanContainer podman = PodmanContainer.start(sandbox);
        LxcContainer lxc = LxcContainer.start(sandbox);
        DockerContainer docker = DockerContainer.start(sandbox);
        BubblewrapSandbox.asRoot(sandbox);

        Sandbox.Cli cli = Sandbox.listns("--format", "prometheus");
        assertThat(cli.exitCode()).as("%s", cli).isZero();
        Promtool.assertAccepts(cli.out());
        // Namespaces of other containers on the host count too: at least ours.
        assertThat(namespacesOfEngine(cli.out(), "podman")).isGreaterThanOrEqualTo(WorkloadChecks.ownTypes(podman.pid()).size());
        assertThat(namespacesOfEngine(cli.out(), "lxc")).isGreaterThanOrEqualTo(WorkloadChecks.ownTypes(lxc.initPid()).size());
        assertThat(namespacesOfEngine(cli.out(), "docker")).isGreaterThanOrEqualTo(WorkloadChecks.ownTypes(docker.pid()).size());
    }

    /** The sandbox's namespaces, each held by its sleep and its inner bwrap, with no container label. */
    private static ScanResult assertSandboxFound(BubblewrapSandbox bwrap) throws Exception {
        int sleep = Math.toIntExact(bwrap.sleepPid());
        int inner = (int) ProcessHandle.of(sleep).flatMap(ProcessHandle::parent).orElseThrow().pid();
        assertThat(WorkloadChecks.ownTypes(sleep)).as("bwrap --unshare-all")
                .contains(NamespaceType.USER, NamespaceType.MNT, NamespaceType.PID, NamespaceType.NET,
                        NamespaceType.IPC, NamespaceType.UTS);
        ScanResult result = WorkloadChecks.assertScanned(List.of(sleep, inner), Expected.NO_CONTAINER);
        assertThat(WorkloadChecks.assertEveryMember(result, sleep, Expected.NO_CONTAINER)).containsExactlyInAnyOrder(inner, sleep);
        WorkloadChecks.assertRows(sleep, BubblewrapSandbox.COMMAND);
        WorkloadChecks.assertJson(sleep, Expected.NO_CONTAINER);
        // The outer bwrap stays in the host's namespaces: it holds none of the sandbox's as a member.
        NamespaceId net = Sandbox.namespaceOf(sleep, NamespaceType.NET);
        assertThat(result.find(net).orElseThrow().holders()).as("holders of %s", net)
                .noneMatch(h -> h.kind() == HolderKind.PROCESS && h.memberPid().orElse(-1) == bwrap.bwrapPid());
        return result;
    }

    private static int namespacesOfEngine(String exposition, String engine) {
        Matcher m = Pattern.compile("(?m)^listns_namespaces_by_engine\\{engine=\"" + engine + "\"} (\\d+)$").matcher(exposition);
        assertThat(m.find()).as("a count for engine %s in%n%s", engine, exposition).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** A process's arguments joined by spaces, or "" once it is gone. */
    private static String commandLine(int pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }
}
