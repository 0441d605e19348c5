package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.nativeaccess.NativeAccess;
import dev.listns.scan.ProcFsScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the kernel itself says about namespaces, on the real host (Linux 6.18 and later for ids, 6.12
 * for the list of mount namespaces): ids that are distinct and stable, audit by id, and a mount
 * namespace that nothing listns can see keeps alive, found only through the kernel's list. Needs root
 * and Java 22+; everything made is undone by {@link Sandbox}.
 */
class KernelNamespaceIT {
    private static final Duration READY = Duration.ofSeconds(10);

    /**
     * Makes a mount namespace (and a UTS namespace bound at argv[1] inside it, privately), sends its
     * only descriptor through a unix socket to itself, closes it and goes home: the namespace is then
     * held by a descriptor in flight, which no /proc file shows. Prints "MNT UTS".
     */
    private static final String IN_FLIGHT = String.join("\n",
            "import ctypes, os, socket, sys, time",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "def check(rc, what):",
            "    if rc != 0:",
            "        raise OSError(ctypes.get_errno(), what)",
            "home_mnt = os.open('/proc/self/ns/mnt', os.O_RDONLY)",
            "home_uts = os.open('/proc/self/ns/uts', os.O_RDONLY)",
            "a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)",
            "check(libc.unshare(0x00020000 | 0x04000000), 'unshare(CLONE_NEWNS | CLONE_NEWUTS)')",
            "check(libc.mount(b'none', b'/', None, 0x4000 | 0x40000, None), 'mount MS_REC | MS_PRIVATE')",
            "check(libc.mount(b'/proc/self/ns/uts', sys.argv[1].encode(), None, 0x1000, None), 'mount MS_BIND')",
            "mnt = os.readlink('/proc/self/ns/mnt')",
            "uts = os.readlink('/proc/self/ns/uts')",
            "fd = os.open('/proc/self/ns/mnt', os.O_RDONLY)",
            "socket.send_fds(a, [b'x'], [fd])",
            "os.close(fd)",
            "check(libc.setns(home_mnt, 0x00020000), 'setns home mnt')",
            "check(libc.setns(home_uts, 0x04000000), 'setns home uts')",
            "os.close(home_mnt)",
            "os.close(home_uts)",
            "print(mnt, uts, flush=True)",
            "time.sleep(300)", "");

    private Sandbox sandbox;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Commands.isRoot(), "KernelNamespaceIT makes namespaces and mounts on the real host: run it as root");
        assumeTrue(NativeAccess.supported(), "the kernel's answers need java.lang.foreign (Java 22+)");
        sandbox = new Sandbox();
    }

    @AfterEach
    void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void everyNamespaceHasAnIdThatIsDistinctAndTheSameInTheNextScan() throws Exception {
        assumeTrue(kernelHasIds(), "NS_GET_ID is Linux 6.18");
        Sandbox.Started member = sandbox.start("unshare", "--uts", "--net", "sleep", "300");
        Sandbox.awaitComm(member.process(), "sleep");
        NamespaceId uts = Sandbox.namespaceOf(member.process().pid(), NamespaceType.UTS);

        ScanResult first = ProcFsScanner.forHost(true).scan();
        ScanResult second = ProcFsScanner.forHost(true).scan();

        assertThat(first.namespaces()).as("as root, every namespace can be asked").allSatisfy(ns ->
                assertThat(ns.nsId()).as("%s", ns.id()).isPresent());
        assertThat(first.namespaces().stream().map(ns -> ns.nsId().getAsLong()).distinct().count())
                .as("distinct").isEqualTo(first.namespaces().size());
        Map<NamespaceId, Long> then = new HashMap<>();
        first.namespaces().forEach(ns -> then.put(ns.id(), ns.nsId().getAsLong()));
        assertThat(second.namespaces()).filteredOn(ns -> then.containsKey(ns.id()))
                .allSatisfy(ns -> assertThat(ns.nsId()).as("%s", ns.id()).hasValue(then.get(ns.id())));
        assertThat(first.find(uts).orElseThrow().nsId()).isPresent();
        assertThat(first.notes()).contains("namespace ids: NS_GET_ID");
    }

    @Test
    void auditKeepsANamespaceWhoseEveryHolderWasReplacedByItsId() throws Exception {
        assumeTrue(kernelHasIds(), "NS_GET_ID is Linux 6.18");
        Sandbox.Started first = sandbox.start("unshare", "--uts", "sleep", "300");
        Sandbox.awaitComm(first.process(), "sleep");
        long pid = first.process().pid();
        Sandbox.Started second = sandbox.start("nsenter", "--target", Long.toString(pid), "--uts", "sleep", "300");
        Sandbox.awaitComm(second.process(), "sleep");
        NamespaceId uts = Sandbox.namespaceOf(pid, NamespaceType.UTS);
        Path state = sandbox.workDir().resolve("audit.state");
        Sandbox.Cli recorded = Sandbox.listns("audit", "--state", state.toString());
        assertThat(recorded.exitCode()).as("%s", recorded).isZero();
        assertThat(Files.readString(state)).as("the state records the id").contains("\nns " + uts + " - ").contains("\nns_id ");

        // The only recorded holder goes; the namespace lives on in a process the state has never seen.
        Commands.kill(first.process().toHandle());
        Sandbox.Cli audited = Sandbox.listns("audit", "--state", state.toString());

        assertThat(audited.out()).as("%s", audited).doesNotContain(uts.toString());
    }

    @Test
    void aMountNamespaceHeldOnlyByADescriptorInFlightIsFoundThroughTheKernelsListAndItsBindMountRead() throws Exception {
        Workloads.require("python3");
        Path script = sandbox.workDir().resolve("in_flight.py");
        Files.writeString(script, IN_FLIGHT);
        Path target = Files.createFile(sandbox.workDir().resolve("uts-target"));
        Sandbox.Started holder = sandbox.start("python3", script.toString(), target.toString());
        String[] made = holder.awaitLine(READY).split(" ");
        NamespaceId mnt = NamespaceId.parse(made[0]).orElseThrow();
        NamespaceId uts = NamespaceId.parse(made[1]).orElseThrow();
        assertThat(members(mnt)).as("precondition: no process is in %s", mnt).isEmpty();
        assertThat(nsfsDescriptors()).as("precondition: no process holds %s open", mnt).doesNotContain(mnt.toString());

        ScanResult result = ProcFsScanner.forHost(true).scan();

        assumeTrue(result.notes().stream().anyMatch(n -> n.startsWith("every mount namespace: NS_MNT_GET_NEXT")),
                "NS_MNT_GET_NEXT is Linux 6.12: " + result.notes());
        Namespace hidden = result.find(mnt).orElseThrow(() -> new AssertionError(mnt + " not found; " + result.notes()));
        assertThat(hidden.holders()).containsExactly(new Holders.Kernel());
        assertThat(result.find(uts).orElseThrow().holders()).as("read like any other mount namespace")
                .containsExactly(new Holders.BindMount(target.toString(), mnt, true, bindMountId(result, uts)));
        if (kernelHasIds()) {
            assertThat(hidden.nsId()).as("reached through the kernel's descriptor").isPresent();
        }
    }

    private static int bindMountId(ScanResult result, NamespaceId id) {
        return result.find(id).orElseThrow().holders().stream()
                .filter(h -> h instanceof Holders.BindMount).map(h -> ((Holders.BindMount) h).mountId())
                .findFirst().orElse(-1);
    }

    private static Boolean hasIds;

    /** Whether a scan on this kernel asks NS_GET_ID (Linux 6.18), learnt from one scan. */
    private static synchronized boolean kernelHasIds() {
        if (hasIds == null) {
            hasIds = ProcFsScanner.forHost(true).scan().notes().contains("namespace ids: NS_GET_ID");
        }
        return hasIds;
    }

    /** The PIDs whose own namespace link is {@code id}. */
    private static Set<Long> members(NamespaceId id) {
        Set<Long> pids = new HashSet<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                if (Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/ns/" + id.type().label())).toString()
                        .equals(id.toString())) {
                    pids.add(p.pid());
                }
            } catch (Exception e) {
                // gone, or a kernel thread
            }
        });
        return pids;
    }

    /** The targets of every nsfs descriptor of every process. */
    private static Set<String> nsfsDescriptors() {
        Set<String> found = new HashSet<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try (Stream<Path> fds = Files.list(Path.of("/proc/" + p.pid() + "/fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        found.add(Files.readSymbolicLink(fd).toString());
                    } catch (Exception e) {
                        // closed meanwhile
                    }
                }
            } catch (Exception e) {
                // gone
            }
        });
        return found;
    }

}
