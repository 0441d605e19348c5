package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.listns.testing.Commands;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.model.Holder;
import dev.listns.model.HolderKind;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.scan.ProcFsScanner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Creates real namespaces on the running kernel (as root) and checks that listns finds each with the
 * right holder, through the scanner in-process and, where the text matters, through the CLI.
 */
@Timeout(120)
class NamespaceDiscoveryIT {
    /** A table row: PID column (a number or --), namespace column, then the description. */
    private static final Pattern ROW = Pattern.compile("^ *(\\d+|--)  (\\S+) +(.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;

    @BeforeEach
    void setUp() throws Exception {
        Sandbox.assumeRoot();
        sandbox = new Sandbox();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void unsharedProcessIsAMemberOfEveryNewNamespaceAndUnshareHoldsPidForChildren() throws Exception {
        Set<NamespaceType> types = EnumSet.of(NamespaceType.UTS, NamespaceType.IPC, NamespaceType.NET,
                NamespaceType.MNT, NamespaceType.PID);
        List<String> command = new ArrayList<>(List.of("unshare", "--uts", "--ipc", "--net", "--mount", "--pid"));
        if (unshareSupports("--cgroup")) {
            types.add(NamespaceType.CGROUP);
            command.add("--cgroup");
        }
        if (unshareSupports("--time")) {
            types.add(NamespaceType.TIME);
            command.add("--time");
        }
        command.addAll(List.of("--fork", "--kill-child", "sleep", "300"));
        Process unshare = sandbox.start(command).process();
        long sleep = Sandbox.awaitChild(unshare, "sleep").pid();

        ScanResult result = ProcFsScanner.forHost(true).scan();

        for (NamespaceType type : types) {
            NamespaceId id = Sandbox.namespaceOf(sleep, type);
            assertThat(id).as("sanity: %s of the unshared sleep is new", type)
                    .isNotEqualTo(Sandbox.namespaceOf(ProcessHandle.current().pid(), type));
            Namespace ns = find(result, id);
            assertThat(ns.initial()).as("%s is not an initial namespace", id).isFalse();
            assertThat(ns.holders()).as("holders of %s", id)
                    .anyMatch(h -> h.kind() == HolderKind.PROCESS && h.memberPid().orElse(-1) == sleep
                            && h.process().map(p -> p.pid() == sleep).orElse(false));
        }

        // unshare itself stays in the host's PID namespace and forks into the new one.
        NamespaceId childPidNs = Sandbox.namespaceOf(sleep, NamespaceType.PID);
        assertThat(Sandbox.namespaceOf(unshare.pid(), NamespaceType.PID)).isNotEqualTo(childPidNs);
        assertThat(Sandbox.link(Path.of("/proc", Long.toString(unshare.pid()), "ns", "pid_for_children")))
                .isEqualTo(childPidNs);
        assertThat(find(result, childPidNs).holders()).as("holders of %s", childPidNs)
                .anyMatch(h -> isForChildrenOf(h, unshare.pid()));
        if (types.contains(NamespaceType.TIME)) {
            NamespaceId childTimeNs = Sandbox.namespaceOf(sleep, NamespaceType.TIME);
            assertThat(find(result, childTimeNs).holders()).as("holders of %s", childTimeNs)
                    .anyMatch(h -> isForChildrenOf(h, unshare.pid()));
        }

        // The CLI: one row per (namespace, holder); the for-children row has no member PID.
        Sandbox.Cli cli = Sandbox.listns("-p", Long.toString(unshare.pid()));
        assertThat(cli.exitCode()).as("%s", cli).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(rows(cli)).as("%s", cli).anySatisfy(row -> {
            assertThat(row.pid()).isEqualTo("--");
            assertThat(row.namespace()).isEqualTo(childPidNs.toString());
            assertThat(row.description()).startsWith("for children of " + unshare.pid() + " unshare ");
        });
        Sandbox.Cli bySleep = Sandbox.listns("-p", Long.toString(sleep));
        for (NamespaceType type : types) {
            String id = Sandbox.namespaceOf(sleep, type).toString();
            assertThat(rows(bySleep)).as("%s", bySleep)
                    .anyMatch(row -> row.pid().equals(Long.toString(sleep)) && row.namespace().equals(id)
                            && row.description().equals("sleep 300"));
        }
    }

    @Test
    void namedNetnsWithoutAProcessIsHeldByItsBindMount() throws Exception {
        String name = Sandbox.uniqueName("listns-it-a");
        Path file = sandbox.addNetns(name);
        NamespaceId id = new NamespaceId(NamespaceType.NET, inode(file));

        Namespace ns = find(ProcFsScanner.forHost(true).scan(), id);
        assertThat(ns.initial()).isFalse();
        assertThat(ns.names()).containsExactly(name);
        assertThat(ns.hasMembers()).as("nothing runs in %s", name).isFalse();
        // A sandbox elsewhere on the host that binds / recursively receives the mount too, by propagation,
        // as a foreign bind mount: only those in listns's own mount namespace are counted here.
        assertThat(ns.holders()).filteredOn(h -> !(h instanceof Holders.BindMount b && b.foreign())).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(HolderKind.BIND_MOUNT);
            assertThat(h.memberPid()).isEmpty();
            assertThat(h.process()).isEmpty();
            assertThat(String.valueOf(h.details().get("path"))).endsWith("/netns/" + name);
        });

        Sandbox.Cli table = Sandbox.listns("-t", "net");
        assertThat(table.exitCode()).as("%s", table).isZero();
        // Rows of foreign bind mounts (" in mnt:[...]") come from sandboxes elsewhere on the host, as above.
        assertThat(rowsOf(table, id)).as("%s", table).filteredOn(row -> !row.description().contains(" in mnt:["))
                .singleElement().satisfies(row -> {
            assertThat(row.pid()).isEqualTo("--");
            assertThat(row.namespace()).isEqualTo(id.toString());
            assertThat(row.description()).startsWith("bind mount ").endsWith("/netns/" + name);
        });

        JsonNode json = namespaceJson(Sandbox.listns("-t", "net", "-J"), id);
        assertThat(texts(json.get("names"))).containsExactly(name);
        assertThat(json.get("initial").asBoolean()).isFalse();
        assertThat(json.get("processes")).isEmpty();
        String own = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        assertThat(json.get("holders")).filteredOn(h -> own.equals(h.get("mount_namespace").asText()))
                .singleElement().satisfies(h -> {
                    assertThat(h.get("kind").asText()).isEqualTo("bind_mount");
                    assertThat(h.get("path").asText()).endsWith("/netns/" + name);
                });
    }

    @Test
    void processInANamedNetnsIsMarkedWithStars() throws Exception {
        String name = Sandbox.uniqueName("listns-it-b");
        Path file = sandbox.addNetns(name);
        NamespaceId id = new NamespaceId(NamespaceType.NET, inode(file));
        Process sleep = sandbox.start("ip", "netns", "exec", name, "sleep", "300").process();
        Sandbox.awaitComm(sleep, "sleep");
        assertThat(Sandbox.namespaceOf(sleep.pid(), NamespaceType.NET)).isEqualTo(id);

        Namespace ns = find(ProcFsScanner.forHost(true).scan(), id);
        assertThat(ns.names()).containsExactly(name);
        assertThat(ns.holders()).anyMatch(h -> h.kind() == HolderKind.PROCESS && h.memberPid().orElse(-1) == sleep.pid());
        assertThat(ns.holders()).anyMatch(h -> h.kind() == HolderKind.BIND_MOUNT);

        Sandbox.Cli table = Sandbox.listns("-t", "net");
        assertThat(table.exitCode()).as("%s", table).isZero();
        assertThat(rowsOf(table, id)).as("%s", table)
                .anySatisfy(row -> {
                    assertThat(row.pid()).isEqualTo(Long.toString(sleep.pid()));
                    assertThat(row.namespace()).isEqualTo(id + "**");
                    assertThat(row.description()).isEqualTo("sleep 300");
                })
                .anySatisfy(row -> {
                    // the bind mount is not a member: no PID and no mark
                    assertThat(row.pid()).isEqualTo("--");
                    assertThat(row.namespace()).isEqualTo(id.toString());
                });
    }

    @Test
    void staleRegularFileInRunNetnsIsNotANamespace() throws Exception {
        Path dir = Path.of("/run/netns");
        sandbox.createDirectories(dir);
        String name = Sandbox.uniqueName("listns-it-stale");
        Path stale = sandbox.createFile(dir.resolve(name));
        long staleInode = inode(stale);

        ScanResult result = ProcFsScanner.forHost(true).scan();
        assertThat(result.namespaces()).noneMatch(ns -> ns.names().contains(name));
        assertThat(result.namespaces()).noneMatch(ns -> ns.type() == NamespaceType.NET && ns.id().inode() == staleInode);
        assertThat(result.namespaces().stream().flatMap(ns -> ns.holders().stream()))
                .noneMatch(h -> String.valueOf(h.details().get("path")).endsWith("/" + name));

        Sandbox.Cli table = Sandbox.listns("-t", "net", "-a");
        assertThat(table.exitCode()).as("%s", table).isZero();
        assertThat(table.err()).isEmpty();
        assertThat(table.out()).doesNotContain(name).doesNotContain("net:[" + staleInode + "]");
        Sandbox.Cli json = Sandbox.listns("-t", "net", "-a", "-J");
        assertThat(json.out()).doesNotContain(name);
    }

    @Test
    void threadThatJoinedANamedNetnsIsAThreadHolder() throws Exception {
        assumeTrue(Commands.onPath("python3"), "python3 not installed; skipped");
        String name = Sandbox.uniqueName("listns-it-t");
        Path file = sandbox.addNetns(name);
        NamespaceId id = new NamespaceId(NamespaceType.NET, inode(file));
        Path script = sandbox.workDir().resolve("setns_thread.py");
        Files.writeString(script, String.join("\n",
                "import ctypes, os, sys, threading, time",
                "libc = ctypes.CDLL(None, use_errno=True)",
                "CLONE_NEWNET = 0x40000000",
                "def worker():",
                "    fd = os.open(sys.argv[1], os.O_RDONLY | os.O_CLOEXEC)",
                "    if libc.setns(fd, CLONE_NEWNET) != 0:",
                "        print('setns failed: ' + os.strerror(ctypes.get_errno()), flush=True)",
                "        return",
                "    os.close(fd)",
                "    print(os.getpid(), threading.get_native_id(), flush=True)",
                "    time.sleep(300)",
                "t = threading.Thread(target=worker, daemon=True)",
                "t.start()",
                "t.join()",
                ""));
        Sandbox.Started python = sandbox.start("python3", script.toString(), file.toString());
        String line = python.awaitLine(Sandbox.START_TIMEOUT);
        assertThat(line).as("python's report").matches("\\d+ \\d+");
        int pid = Integer.parseInt(line.split(" ")[0]);
        int tid = Integer.parseInt(line.split(" ")[1]);
        assertThat(tid).isNotEqualTo(pid);
        assertThat(Sandbox.link(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "ns", "net")))
                .as("sanity: the thread is in the named netns").isEqualTo(id);
        NamespaceId processNetns = Sandbox.namespaceOf(pid, NamespaceType.NET);
        assertThat(processNetns).as("sanity: the main thread stayed in the host netns").isNotEqualTo(id);

        ScanResult result = ProcFsScanner.forHost(true).scan();
        Namespace ns = find(result, id);
        assertThat(ns.holders()).as("holders of %s", id).anySatisfy(h -> {
            assertThat(h.kind()).isEqualTo(HolderKind.THREAD);
            assertThat(h.memberPid()).hasValue(tid);
            assertThat(h.process()).hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(pid));
        });
        assertThat(ns.holders()).as("the process itself is not a member of %s", id)
                .noneMatch(h -> h.kind() == HolderKind.PROCESS && h.memberPid().orElse(-1) == pid);
        assertThat(find(result, processNetns).holders())
                .anyMatch(h -> h.kind() == HolderKind.PROCESS && h.memberPid().orElse(-1) == pid);

        JsonNode json = namespaceJson(Sandbox.listns("-t", "net", "-J"), id);
        assertThat(ints(json.get("threads"))).contains(tid);
        assertThat(ints(json.get("processes"))).doesNotContain(pid);
        Sandbox.Cli table = Sandbox.listns("-t", "net");
        assertThat(rowsOf(table, id)).as("%s", table).anySatisfy(row -> {
            assertThat(row.pid()).isEqualTo(Integer.toString(tid));
            assertThat(row.namespace()).isEqualTo(id + "**");
            assertThat(row.description()).startsWith("thread " + tid + " of " + pid + " ");
        });
    }

    @Test
    @Timeout(240) // the first start also builds the local busybox image
    void podmanContainerNamespacesCarryTheContainerLabel() throws Exception {
        Path script = Path.of("src/test/resources/it/podman-container.sh").toAbsolutePath();
        assumeTrue(Files.isRegularFile(script), "podman helper script not found at " + script);
        String name = Sandbox.uniqueName("listns-it-podman");
        sandbox.onClose("podman-container.sh stop " + name, () -> {
            Commands.Exec stop = Commands.run(Duration.ofSeconds(120), "bash", script.toString(), "stop", name);
            if (stop.exitCode() != 0) {
                throw new IllegalStateException("stopping container " + name + ": " + stop);
            }
        });
        Commands.Exec start = Commands.run(Duration.ofSeconds(180), "bash", script.toString(), "start", name);
        assumeTrue(start.exitCode() != 3, () -> "cannot run podman here: " + start.stderr().strip());
        assertThat(start.exitCode()).as("podman-container.sh start: %s", start).isZero();
        String[] answer = start.stdout().strip().split(" ");
        assertThat(answer).as("podman-container.sh start printed: %s", start.stdout()).hasSize(2);
        int pid = Integer.parseInt(answer[0]);
        String containerId = answer[1];
        assertThat(containerId).matches("[0-9a-f]{64}");

        ScanResult result = ProcFsScanner.forHost(true).scan();
        List<NamespaceType> types = List.of(NamespaceType.NET, NamespaceType.PID, NamespaceType.UTS,
                NamespaceType.IPC, NamespaceType.MNT);
        for (NamespaceType type : types) {
            NamespaceId id = Sandbox.namespaceOf(pid, type);
            Namespace ns = find(result, id);
            assertThat(ns.initial()).as("%s of the container", type).isFalse();
            assertThat(ns.holders()).as("holders of %s", id).anySatisfy(h -> {
                assertThat(h.kind()).isEqualTo(HolderKind.PROCESS);
                assertThat(h.memberPid()).hasValue(pid);
                assertThat(h.process().flatMap(p -> p.container())).hasValueSatisfying(c -> {
                    assertThat(c.engine()).isEqualTo("podman");
                    assertThat(c.id()).isEqualTo(containerId);
                });
            });
        }

        Sandbox.Cli table = Sandbox.listns("-p", Integer.toString(pid));
        assertThat(table.exitCode()).as("%s", table).isZero();
        for (NamespaceType type : types) {
            String id = Sandbox.namespaceOf(pid, type).toString();
            assertThat(rows(table)).as("%s", table).anySatisfy(row -> {
                assertThat(row.pid()).isEqualTo(Integer.toString(pid));
                assertThat(row.namespace()).isEqualTo(id);
                // The name podman keeps for it (see ContainerNamesIT for how it is found).
                assertThat(row.description()).isEqualTo("[podman:" + name + "] /bin/sleep 600");
            });
        }

        Sandbox.Cli cli = Sandbox.listns("-p", Integer.toString(pid), "-J");
        assertThat(cli.exitCode()).as("%s", cli).isZero();
        JsonNode root = JSON.readTree(cli.out());
        List<JsonNode> holders = StreamSupport.stream(root.get("namespaces").spliterator(), false)
                .flatMap(ns -> StreamSupport.stream(ns.get("holders").spliterator(), false))
                .filter(h -> h.path("pid").asInt() == pid && h.get("kind").asText().equals("process"))
                .collect(Collectors.toList());
        assertThat(holders).hasSizeGreaterThanOrEqualTo(types.size()).allSatisfy(h -> {
            assertThat(h.get("container").get("engine").asText()).isEqualTo("podman");
            assertThat(h.get("container").get("id").asText()).isEqualTo(containerId);
            assertThat(h.get("container").get("name").asText()).isEqualTo(name);
        });
    }

    @Test
    void everyNamespaceLsnsSeesIsInTheScan() throws Exception {
        assumeTrue(Commands.onPath("lsns"), "lsns (util-linux) not installed; skipped");
        Process unshare = sandbox.start("unshare", "--uts", "--ipc", "--net", "--fork", "--kill-child", "sleep", "300").process();
        long sleep = Sandbox.awaitChild(unshare, "sleep").pid();
        NamespaceId ours = Sandbox.namespaceOf(sleep, NamespaceType.UTS);

        Set<NamespaceId> before = lsns();
        ScanResult result = ProcFsScanner.forHost(true).scan();
        Set<NamespaceId> scanned = result.namespaces().stream().map(Namespace::id).collect(Collectors.toSet());

        assertThat(before).as("lsns sees the test's namespace").contains(ours);
        assertThat(scanned).as("listns sees the test's namespace").contains(ours);
        Set<NamespaceId> missing = new HashSet<>(before);
        missing.removeAll(scanned);
        if (!missing.isEmpty()) {
            // Other processes on this host come and go: only a namespace that lsns sees both before and
            // after the scan must have existed while listns looked.
            missing.retainAll(lsns());
        }
        assertThat(missing).as("namespaces lsns reports before and after the scan but listns did not find").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private record TableRow(String pid, String namespace, String description) {
    }

    private static List<TableRow> rows(Sandbox.Cli cli) {
        List<String> lines = cli.outLines();
        assertThat(lines).as("table output").isNotEmpty();
        assertThat(lines.get(0)).isEqualTo(String.format("%10s  %-20s  %s", "PID", "Namespace", "Thread/Command"));
        List<TableRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = ROW.matcher(line);
            assertThat(m.matches()).as("table row %s", line).isTrue();
            rows.add(new TableRow(m.group(1), m.group(2), m.group(3)));
        }
        return rows;
    }

    private static List<TableRow> rowsOf(Sandbox.Cli cli, NamespaceId id) {
        return rows(cli).stream()
                .filter(r -> r.namespace().equals(id.toString()) || r.namespace().equals(id + "**"))
                .collect(Collectors.toList());
    }

    private static JsonNode namespaceJson(Sandbox.Cli cli, NamespaceId id) throws Exception {
        assertThat(cli.exitCode()).as("%s", cli).isZero();
        JsonNode root = JSON.readTree(cli.out());
        assertThat(root.get("version").asInt()).isEqualTo(1);
        Optional<JsonNode> found = StreamSupport.stream(root.get("namespaces").spliterator(), false)
                .filter(ns -> ns.get("id").asText().equals(id.toString()))
                .findFirst();
        assertThat(found).as("%s in the JSON output", id).isPresent();
        JsonNode ns = found.get();
        assertThat(ns.get("type").asText()).isEqualTo(id.type().label());
        assertThat(ns.get("inode").asLong()).isEqualTo(id.inode());
        return ns;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> ints = new ArrayList<>();
        array.forEach(n -> ints.add(n.asInt()));
        return ints;
    }

    private static Namespace find(ScanResult result, NamespaceId id) {
        Optional<Namespace> ns = result.find(id);
        assertThat(ns).as("%s in the scan", id).isPresent();
        return ns.get();
    }

    private static boolean isForChildrenOf(Holder h, long pid) {
        return h.kind() == HolderKind.FOR_CHILDREN && h.memberPid().isEmpty()
                && h.process().map(p -> p.pid() == pid).orElse(false);
    }

    private static long inode(Path file) throws Exception {
        return (Long) Files.getAttribute(file, "unix:ino");
    }

    private static boolean unshareSupports(String flag) throws Exception {
        return Commands.run(Duration.ofSeconds(10), "unshare", flag, "true").exitCode() == 0;
    }

    private static Set<NamespaceId> lsns() throws Exception {
        Commands.Exec lsns = Commands.run(Duration.ofSeconds(60), "lsns", "-r", "-n", "-o", "NS,TYPE");
        assertThat(lsns.exitCode()).as("lsns: %s", lsns).isZero();
        Set<NamespaceId> ids = new HashSet<>();
        for (String line : lsns.stdoutLines()) {
            String[] fields = line.strip().split("\\s+");
            assertThat(fields).as("lsns line '%s'", line).hasSize(2);
            NamespaceType type = NamespaceType.fromLabel(fields[1])
                    .orElseThrow(() -> new AssertionError("lsns type unknown to listns: " + line));
            ids.add(new NamespaceId(type, Long.parseLong(fields[0])));
        }
        return ids;
    }
}
