package dev.listns.nativeaccess.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeAccess;
import dev.listns.nativeaccess.NativeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs against the real kernel, as root; every process, descriptor and netns it makes is undone afterwards. */
class FfmNamespaceSyscallsIT {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int CLONE_NEWUSER = 0x10000000;

    private NamespaceSyscalls sys;
    private final List<Integer> fds = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<String> netnsNames = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeThat(NativeAccess.supported()).as("java.lang.foreign needs Java 22+").isTrue();
        assumeThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid")).as("needs root").isEqualTo(0);
        // Reflection, not `new`: tests compile with --release 17, which cannot read the Java 22 class file.
        sys = (NamespaceSyscalls) Class.forName("dev.listns.nativeaccess.ffm.FfmNamespaceSyscalls")
                .getDeclaredConstructor().newInstance();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (sys == null) {
            return; // skipped before anything was made
        }
        fds.forEach(sys::close);
        for (Process process : processes) {
            // Kill the descendants first: `unshare --fork` ignores SIGTERM and would outlive a plain destroy().
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (String name : netnsNames) {
            run("ip", "netns", "del", name);
        }
    }

    @Test
    void opensNetworkNamespaceAndReadsInodeAndType() throws Exception {
        int fd = track(open("/proc/self/ns/net"));

        assertThat(sys.inode(fd)).isEqualTo(inodeOf("/proc/self/ns/net"));
        assertThat(sys.namespaceType(fd)).isEqualTo(CLONE_NEWNET);
    }

    @Test
    void initialUserNamespaceIsOwnedByRootAndHasNoParent() throws Exception {
        int fd = track(open("/proc/self/ns/user"));

        assertThat(sys.namespaceType(fd)).isEqualTo(CLONE_NEWUSER);
        assertThat(sys.ownerUid(fd)).isZero();
        assertThatThrownBy(() -> sys.parent(fd))
                .isInstanceOfSatisfying(NativeException.class, e -> {
                    assertThat(e.errno()).isEqualTo(NativeException.EPERM);
                    assertThat(e).hasMessageContaining("ioctl(NS_GET_PARENT)");
                });
    }

    @Test
    void childUserNamespaceHasOurUserNamespaceAsParentAndOwnsItsPidNamespace() throws Exception {
        Process unshare = start("unshare", "--user", "--map-root-user", "--pid", "--fork", "--kill-child",
                "sleep", "60");
        long sleepPid = childOnceInOwnUserNamespace(unshare);

        int userNs = track(open("/proc/" + sleepPid + "/ns/user"));
        int parent = track(sys.parent(userNs));
        int pidNs = track(open("/proc/" + sleepPid + "/ns/pid"));
        int owner = track(sys.owningUserNamespace(pidNs));

        assertThat(sys.inode(userNs)).isNotEqualTo(inodeOf("/proc/self/ns/user"));
        assertThat(sys.inode(parent)).isEqualTo(inodeOf("/proc/self/ns/user"));
        assertThat(sys.inode(owner)).isEqualTo(sys.inode(userNs));
        assertThat(sys.ownerUid(userNs)).as("created by root").isZero();
    }

    @Test
    void duplicatesAnotherProcessSocketAndFindsItsNetworkNamespace() throws Exception {
        Process python = start("unshare", "--net", "python3", "-c",
                "import socket,time,os; s=socket.socket(); print(os.getpid(), s.fileno(), flush=True); time.sleep(60)");
        String line = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as("python's pid and socket fd").isNotNull();
        String[] fields = line.trim().split(" ");
        int pid = Integer.parseInt(fields[0]);
        int socketFd = Integer.parseInt(fields[1]);

        int socket = track(sys.duplicateFrom(pid, socketFd));
        int netNs = track(sys.socketNetworkNamespace(socket));

        assertThat(sys.inode(netNs))
                .isEqualTo(inodeOf("/proc/" + pid + "/ns/net"))
                .isNotEqualTo(inodeOf("/proc/self/ns/net"));
        assertThat(sys.namespaceType(netNs)).isEqualTo(CLONE_NEWNET);
    }

    @Test
    void duplicatesASocketFromAThreadsOwnDescriptorTable() throws Exception {
        // The second thread gives itself a table of its own (unshare(CLONE_FILES)) and opens a socket there.
        Process python = start("unshare", "--net", "python3", "-c", String.join("\n",
                "import ctypes, os, socket, threading, time",
                "libc = ctypes.CDLL(None, use_errno=True)",
                "ready = threading.Event(); r = {}",
                "def own():",
                "    r['rc'] = libc.unshare(0x400); r['s'] = socket.socket(); r['tid'] = threading.get_native_id(); ready.set()",
                "    time.sleep(60)",
                "threading.Thread(target=own, daemon=True).start(); ready.wait()",
                "print(os.getpid(), r['tid'], r['s'].fileno(), r['rc'], flush=True); time.sleep(60)"));
        String line = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as("python's pid, the thread's tid, its socket fd, unshare's result").isNotNull().endsWith(" 0");
        String[] fields = line.trim().split(" ");
        int pid = Integer.parseInt(fields[0]);
        int tid = Integer.parseInt(fields[1]);
        int socketFd = Integer.parseInt(fields[2]);

        int socket = track(sys.duplicateFromThread(tid, socketFd));
        int netNs = track(sys.socketNetworkNamespace(socket));

        assertThat(sys.inode(netNs)).isEqualTo(inodeOf("/proc/" + pid + "/ns/net"));
        assertThatThrownBy(() -> track(sys.duplicateFrom(pid, socketFd)))
                .as("the process's (main thread's) table has no such descriptor")
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(NativeException.EBADF));
    }

    @Test
    void readsAssignedNsidAndEmptyWhenNoneAssigned() throws Exception {
        String withId = addNetns();
        String withoutId = addNetns();
        int nsid = freeNsid();
        assertThat(run("ip", "netns", "set", withId, Integer.toString(nsid))).isZero();

        int withIdFd = track(open("/var/run/netns/" + withId));
        int withoutIdFd = track(open("/var/run/netns/" + withoutId));

        assertThat(sys.netnsId(withIdFd)).isEqualTo(OptionalInt.of(nsid));
        assertThat(sys.netnsId(withoutIdFd)).isEmpty();
    }

    @Test
    void netnsIdOfSomethingThatIsNoNetworkNamespaceFails() throws Exception {
        int userNs = track(open("/proc/self/ns/user"));

        assertThatThrownBy(() -> sys.netnsId(userNs))
                .isInstanceOfSatisfying(NativeException.class,
                        e -> assertThat(e.errno()).isEqualTo(NativeException.EINVAL));
    }

    @Test
    void vanishedProcessAndMissingPathAreReportedAsVanished() {
        // No pid reaches Integer.MAX_VALUE: pid_max is capped at 2^22.
        assertThatThrownBy(() -> sys.duplicateFrom(Integer.MAX_VALUE, 0))
                .isInstanceOfSatisfying(NativeException.class, e -> {
                    assertThat(e.isVanished()).isTrue();
                    assertThat(e).hasMessageContaining("pidfd_open");
                });
        assertThatThrownBy(() -> sys.openVerified("/proc/self/ns/no-such-namespace", 0, 0))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.isVanished()).isTrue());
    }

    @Test
    void missingDescriptorInLiveProcessIsReportedAsVanished() {
        // Far above any descriptor limit; a just-closed number would not do, pidfd_open takes it straight back.
        int neverOpen = 1 << 30;

        assertThatThrownBy(() -> sys.duplicateFrom((int) ProcessHandle.current().pid(), neverOpen))
                .isInstanceOfSatisfying(NativeException.class, e -> {
                    assertThat(e.errno()).isEqualTo(NativeException.EBADF);
                    assertThat(e).hasMessageContaining("pidfd_getfd");
                });
    }

    @Test
    void wrongKindOfDescriptorFailsWithoutCrashing() throws Exception {
        FileSyscalls files = NativeAccess.loadFiles().orElseThrow();
        int pathFd = files.openDirectory(FileSyscalls.NO_DIRECTORY, "/proc/self/status");
        int regularFile;
        try {
            regularFile = track(sys.reopen(pathFd));
        } finally {
            files.close(pathFd);
        }

        assertThatThrownBy(() -> sys.namespaceType(regularFile))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(NativeException.ENOTTY));
        assertThatThrownBy(() -> sys.socketNetworkNamespace(regularFile)).isInstanceOf(NativeException.class);
        assertThatThrownBy(() -> sys.inode(-1))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(NativeException.EBADF));
        assertThatThrownBy(() -> sys.openVerified("/proc/self/ns/net\0/etc/passwd", 0, 0)).isInstanceOf(NativeException.class);
    }

    @Test
    void openVerifiedOpensOnlyTheNamespaceExpected() throws Exception {
        Path net = Path.of("/proc/self/ns/net");
        long device = deviceOf(net.toString());
        int fd = track(sys.openVerified(net.toString(), device, inodeOf(net.toString())));

        assertThat(sys.status(fd).inode()).isEqualTo(inodeOf(net.toString()));
        assertThat(sys.namespaceType(fd)).isEqualTo(CLONE_NEWNET);
        // Another namespace at the path, or the right inode number on another device, is refused.
        assertThatThrownBy(() -> sys.openVerified(net.toString(), device, inodeOf("/proc/self/ns/uts")))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(NativeException.ENOENT));
        assertThatThrownBy(() -> sys.openVerified(net.toString(), device + 1, inodeOf(net.toString())))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(NativeException.ENOENT));
    }

    @Test
    void openVerifiedNeverBlocksOnAFifoSwappedInAtThePath() throws Exception {
        // Another user swaps a FIFO in where a namespace was: a plain open would wait for a writer forever.
        Path dir = Files.createTempDirectory("listns-fifo-");
        Path fifo = dir.resolve("ns");
        try {
            assertThat(run("mkfifo", fifo.toString())).isZero();
            long nsfs = deviceOf("/proc/self/ns/net");
            long inode = inodeOf(fifo.toString());

            assertThatThrownBy(() -> sys.openVerified(fifo.toString(), nsfs, inode))
                    .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(NativeException.ENOENT));
        } finally {
            Files.deleteIfExists(fifo);
            Files.delete(dir);
        }
    }

    private int track(int fd) {
        fds.add(fd);
        return fd;
    }

    /** The nsfs file at {@code path}, opened the way listns opens one: checked to be what stat said. */
    private int open(String path) throws Exception {
        return sys.openVerified(path, deviceOf(path), inodeOf(path));
    }

    private static long deviceOf(String path) throws IOException {
        return ((Number) Files.getAttribute(Path.of(path), "unix:dev")).longValue();
    }

    private static long inodeOf(String path) throws IOException {
        return ((Number) Files.getAttribute(Path.of(path), "unix:ino")).longValue();
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(process);
        return process;
    }

    /** The forked child exists a moment after unshare starts, and joins the new namespaces before it execs. */
    private long childOnceInOwnUserNamespace(Process parent) throws Exception {
        long ourUserNs = inodeOf("/proc/self/ns/user");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            assertThat(parent.isAlive()).as("unshare is running").isTrue();
            for (ProcessHandle child : parent.children().toList()) {
                try {
                    String command = child.info().command().orElse("");
                    if (command.endsWith("/sleep") && inodeOf("/proc/" + child.pid() + "/ns/user") != ourUserNs) {
                        return child.pid();
                    }
                } catch (IOException raced) {
                    // The child exited or exec'd between listing and looking: try again.
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no sleep child of unshare appeared");
    }

    private String addNetns() throws Exception {
        String name = "listns-ffmtest-" + UUID.randomUUID().toString().substring(0, 8);
        netnsNames.add(name);
        assertThat(run("ip", "netns", "add", name)).as("ip netns add").isZero();
        return name;
    }

    /** A fixed id such as 7 could already be taken by another netns on a busy host. */
    private static int freeNsid() throws Exception {
        Process list = new ProcessBuilder("ip", "netns", "list-id").redirectErrorStream(true).start();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        for (int nsid = 7; ; nsid++) {
            if (!Pattern.compile("(?m)^nsid " + nsid + "\\b").matcher(output).find()) {
                return nsid;
            }
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
