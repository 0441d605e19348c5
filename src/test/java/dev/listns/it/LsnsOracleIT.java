package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listns.model.NamespaceType;
import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * lsns as the oracle of listns's lsns view. On a host running what people really run, started here with
 * names (a podman container, an LXC busybox container, a Docker container, bubblewrap sandboxes of root's
 * and of a freshly created normal user's), and on namespaces made here (network, UTS and IPC with a
 * process; a user namespace with a process and a PID namespace under it; an {@code ip netns} namespace with
 * a process, bind-mounted and with a NETNSID; one bind-mounted with no process), {@code listns -l -o
 * COLUMNS} must print, raw and in JSON, the line lsns prints for every namespace lsns sees, and every
 * namespace of each workload must be among those compared. Under {@code -Dlistns.workloads=required} a
 * workload that cannot run fails the test instead of skipping it.
 *
 * <p>The listns that runs is the packaged jar on the newest JDK, as bin/listns runs it: PNS, ONS and NETNSID
 * need Java 22's native access. The host is shared, and busybox's init in the LXC container starts and
 * reaps processes, so processes come and go while the two tools look: a namespace counts only where lsns
 * printed the same line just before and just after listns ran, and a round where it changed is tried again.
 *
 * <p>Where listns differs on purpose, both tools' lines are made alike before they are compared: trailing
 * blanks of COMMAND (LXC's busybox init rewrites its argv to {@code init} and zeroes the rest; lsns turns
 * those NULs into blanks, listns drops them), and the UID and USER of a namespace without a process that
 * is no user namespace (only lsns 2.39+ prints those).
 *
 * <p>What lsns 2.38 (Debian 12, this host) shows and newer lsns differs in, as read from util-linux's
 * sources (sys-utils/lsns.c, lib/procfs.c): 2.38 already has every column compared here (NSFS, PNS, ONS)
 * and {@code -T process}, but sees namespaces only through processes (and, in its {@code -T} trees, their
 * parents and owners). lsns 2.39 added namespaces no process
 * is in that are bind-mounted ({@code -P}), giving them UID 0 (root) whatever their type, where listns
 * shows a UID only for a user namespace (its creator's); 2.41 added those held by open fds and sockets,
 * {@code -H} and {@code -Q}; 2.42 shows NETNSID for namespaces without a process. Against a newer lsns
 * this test compares those namespaces too, since it compares every one lsns prints. On these workloads
 * that changes nothing: the namespaces LXC's monitor holds open and Docker's bind-mounted network
 * namespace have processes in them. No lsns up to 2.42 lists, without {@code -T}, the user namespace
 * bwrap makes for a normal user around the one its command runs in, held only by that child namespace
 * (a {@code -T} tree adds it); listns does, and this test checks its line.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LsnsOracleIT {
    /** Every column both tools have: lsns's own. */
    private static final String COLUMNS = "NS,TYPE,PATH,NPROCS,PID,PPID,COMMAND,UID,USER,NETNSID,NSFS,PNS,ONS";
    /** Where those columns are in a raw line. */
    private static final int NS = 0;
    private static final int TYPE = 1;
    private static final int NPROCS = 3;
    private static final int COMMAND = 6;
    private static final int UID = 7;
    private static final int USER = 8;
    private static final int PNS = 11;
    private static final int ROUNDS = 6;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;
    /** Each workload's namespaces, by inode, under a name that says which it is: each must be compared. */
    private final Map<String, Set<String>> workloads = new LinkedHashMap<>();
    /** An {@code ip netns} namespace no process is in. */
    private String persistent;
    /** The normal user's bubblewrap sandbox, whose outer user namespace only listns lists. */
    private Sandbox.User user;
    private BubblewrapSandbox usersBwrap;

    /** Started once for both tests: the real workloads take most of a minute to start. */
    @BeforeAll
    void startWorkloads() throws Exception {
        Sandbox.assumeRoot();
        Workloads.require("lsns");
        assertThat(JarIT.newest()).as("a JDK under /usr/lib/jvm to run the jar on").isPresent();
        sandbox = new Sandbox();
        workloads.put("namespaces made here with unshare and ip netns", madeHere());
        persistent = Sandbox.uniqueName("listns-oracle-p");
        sandbox.addNetns(persistent);

        PodmanContainer podman = PodmanContainer.start(sandbox);
        addWorkload("podman container " + podman.name(), podman.pid());
        LxcContainer lxc = LxcContainer.start(sandbox);
        addWorkload("LXC container " + lxc.name(), lxc.initPid());
        DockerContainer docker = DockerContainer.start(sandbox);
        addWorkload("Docker container " + docker.name(), docker.pid());
        BubblewrapSandbox rootsBwrap = BubblewrapSandbox.asRoot(sandbox);
        addWorkload("root's bubblewrap sandbox", rootsBwrap.sleepPid());
        user = sandbox.addUser("listns-oracle");
        usersBwrap = BubblewrapSandbox.asUser(sandbox, user);
        addWorkload("bubblewrap sandbox of " + user.name(), usersBwrap.sleepPid());
    }

    @AfterAll
    void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** The namespaces made here with unshare and ip netns, by inode: lsns sees each through a process. */
    private Set<String> madeHere() throws Exception {
        Set<String> ours = new LinkedHashSet<>();
        Process plain = sandbox.start("unshare", "--net", "--uts", "--ipc", "--fork", "--kill-child", "sleep", "600").process();
        long sleep = Sandbox.awaitChild(plain, "sleep").pid();
        for (NamespaceType type : List.of(NamespaceType.NET, NamespaceType.UTS, NamespaceType.IPC)) {
            ours.add(Long.toString(Sandbox.namespaceOf(sleep, type).inode()));
        }

        Process nested = sandbox.start("unshare", "--user", "--pid", "--fork", "--kill-child", "sleep", "600").process();
        long inner = Sandbox.awaitChild(nested, "sleep").pid();
        ours.add(Long.toString(Sandbox.namespaceOf(inner, NamespaceType.USER).inode()));
        ours.add(Long.toString(Sandbox.namespaceOf(inner, NamespaceType.PID).inode()));

        String named = Sandbox.uniqueName("listns-oracle");
        sandbox.addNetns(named);
        Commands.run(Sandbox.START_TIMEOUT, "ip", "netns", "set", named, "auto").assertSuccess();
        Process inNamed = sandbox.start("ip", "netns", "exec", named, "sleep", "600").process();
        Sandbox.awaitComm(inNamed, "sleep");
        ours.add(Long.toString(Sandbox.namespaceOf(inNamed.pid(), NamespaceType.NET).inode()));
        return ours;
    }

    /** Every namespace {@code pid} is in that the test's own process is not in, by inode. */
    private void addWorkload(String name, long pid) {
        Set<String> inodes = new LinkedHashSet<>();
        for (NamespaceType type : WorkloadChecks.ownTypes(pid)) {
            inodes.add(Long.toString(Sandbox.namespaceOf(pid, type).inode()));
        }
        workloads.put(name + " (PID " + pid + ")", inodes);
    }

    private Set<String> everyWorkloadsNamespaces() {
        Set<String> all = new LinkedHashSet<>();
        workloads.values().forEach(all::addAll);
        return all;
    }

    @Test
    void listnsPrintsWhatLsnsPrintsForEveryNamespaceLsnsSees() throws Exception {
        Set<String> ours = everyWorkloadsNamespaces();
        Map<String, String> agreed = new LinkedHashMap<>();
        Map<String, String> disagreed = new LinkedHashMap<>();
        List<String> lastListns = List.of();
        for (int round = 0; round < ROUNDS && !(agreed.keySet().containsAll(ours) && disagreed.isEmpty()); round++) {
            Map<String, String> before = byNs(lsns("-r").stdoutLines());
            lastListns = listns("-r").stdoutLines();
            Map<String, String> after = byNs(lsns("-r").stdoutLines());
            compare(before, after, byNs(lastListns), agreed, disagreed);
        }

        assertThat(disagreed).as("namespaces (by inode) whose line lsns printed the same before and after, "
                + "but listns printed otherwise in every such round: lsns's line vs listns's").isEmpty();
        assertEveryWorkloadCompared(agreed.keySet());
        String persistentInode = Files.getAttribute(Path.of("/run/netns", persistent), "unix:ino").toString();
        assertThat(lastListns).as("listns -l shows a namespace no process is in, which lsns 2.38 cannot")
                .anySatisfy(line -> assertThat(line).startsWith(persistentInode + " net /run/netns/" + persistent + " 0     "));
        // bwrap, run by a user, nests the user namespace of its command in one that owns the sandbox's
        // other namespaces: no process is in that one, and no lsns lists it without -T. Its creator is the user.
        String inner = Long.toString(Sandbox.namespaceOf(usersBwrap.sleepPid(), NamespaceType.USER).inode());
        String outer = agreed.get(inner).split(" ", -1)[PNS];
        assertThat(lastListns).as("listns -l shows the user namespace around %s's sandbox", user.name())
                .anySatisfy(line -> assertThat(line).startsWith(outer + " user  0    " + user.uid() + " " + user.name() + " "));
    }

    @Test
    void listnsJsonHasLsnssValuesAndTypesForEveryNamespaceLsnsSees() throws Exception {
        Set<String> ours = everyWorkloadsNamespaces();
        Map<String, String> agreed = new LinkedHashMap<>();
        Map<String, String> disagreed = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS && !(agreed.keySet().containsAll(ours) && disagreed.isEmpty()); round++) {
            Map<String, String> before = byNs(lsns("-J").stdout());
            Map<String, String> listns = byNs(listns("-J").stdout());
            Map<String, String> after = byNs(lsns("-J").stdout());
            compare(before, after, listns, agreed, disagreed);
        }

        assertThat(disagreed).as("JSON objects of namespaces lsns printed the same before and after, but listns "
                + "otherwise in every such round").isEmpty();
        assertEveryWorkloadCompared(agreed.keySet());
    }

    /** So that the test cannot pass by comparing nothing for a workload, e.g. when lsns never saw it. */
    private void assertEveryWorkloadCompared(Set<String> compared) {
        for (Map.Entry<String, Set<String>> workload : workloads.entrySet()) {
            assertThat(compared).as("the namespaces of %s, compared", workload.getKey()).containsAll(workload.getValue());
        }
    }

    /**
     * Records, per namespace whose line lsns printed alike before and after, whether listns printed the
     * same; a namespace that agrees once is done, one that disagrees is kept with both lines until it does.
     */
    private static void compare(Map<String, String> before, Map<String, String> after, Map<String, String> listns,
            Map<String, String> agreed, Map<String, String> disagreed) {
        for (Map.Entry<String, String> entry : before.entrySet()) {
            String ns = entry.getKey();
            String line = entry.getValue();
            if (!line.equals(after.get(ns)) || agreed.containsKey(ns)) {
                continue;
            }
            if (line.equals(listns.get(ns))) {
                agreed.put(ns, line);
                disagreed.remove(ns);
            } else {
                disagreed.put(ns, "lsns:   " + line + "\nlistns: " + listns.get(ns));
            }
        }
    }

    private static Commands.Exec lsns(String format) throws Exception {
        Commands.Exec run = Commands.run(RUN_TIMEOUT, "lsns", "-l", format, "-o", COLUMNS);
        assertThat(run.exitCode()).as("lsns: %s", run).isZero();
        return run;
    }

    private static Commands.Exec listns(String format) throws Exception {
        JarIT.Jdk jdk = JarIT.newest().orElseThrow();
        Commands.Exec run = Commands.run(RUN_TIMEOUT, List.of(jdk.java().toString(), "-jar", JarIT.jar().toString(),
                "-l", format, "-o", COLUMNS), null);
        assertThat(run.exitCode()).as("listns: %s", run).isZero();
        assertThat(run.stderrLines()).as("listns's warnings").isEmpty();
        return run;
    }

    /** Raw lines by their first field, the inode; the heading left out. */
    private static Map<String, String> byNs(List<String> rawLines) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : rawLines.subList(1, rawLines.size())) {
            String[] cells = line.split(" ", -1);
            if (ownerUnknown(cells[TYPE], cells[NPROCS])) {
                cells[UID] = "(listns's choice)";
                cells[USER] = "(listns's choice)";
            }
            cells[COMMAND] = withoutTrailing(cells[COMMAND], "\\x20");
            lines.put(cells[NS], String.join(" ", cells));
        }
        return lines;
    }

    /** The JSON array's objects, as text, by their "ns"; the key order is part of what must agree. */
    private static Map<String, String> byNs(String json) throws Exception {
        Map<String, String> objects = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (JsonNode element : JSON.readTree(json).get("namespaces")) {
            keys.clear();
            element.fieldNames().forEachRemaining(keys::add);
            if (ownerUnknown(element.get("type").asText(), element.get("nprocs").asText())) {
                ((ObjectNode) element).put("uid", "(listns's choice)").put("user", "(listns's choice)");
            }
            if (element.get("command").isTextual()) {
                ((ObjectNode) element).put("command", withoutTrailing(element.get("command").asText(), " "));
            }
            objects.put(element.get("ns").asText(), keys + " " + element);
        }
        return objects;
    }

    /**
     * A command without its trailing blanks. A process that rewrites its argv shorter (busybox's init, as
     * LXC runs it) leaves NULs after it: lsns shows all but the last as blanks, listns drops them. Taken off
     * both tools' lines alike, so a blank that really ends an argument still has to agree.
     */
    private static String withoutTrailing(String command, String blank) {
        String trimmed = command;
        while (trimmed.endsWith(blank)) {
            trimmed = trimmed.substring(0, trimmed.length() - blank.length());
        }
        return trimmed;
    }

    /**
     * A namespace without a process that is no user namespace: lsns (2.39+) names root as its user, listns
     * nobody, as nothing tells who made it. Only a newer lsns than Debian 12's prints such namespaces.
     */
    private static boolean ownerUnknown(String type, String nprocs) {
        return "0".equals(nprocs) && !"user".equals(type);
    }
}
