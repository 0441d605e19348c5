package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.nativeaccess.NativeAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Builds, on the real host, a namespace kept alive in exactly one of the ways listns knows (a bind
 * mount, an fd, a socket, a mount in another mount namespace, a thread, a child namespace) and checks
 * that listns reports it with that holder kind and the right details, and nothing else. Needs root;
 * the tests that depend on native calls also need Java 22+. Everything made is undone by
 * {@link Sandbox} (and {@link HolderMounts}) even when a test fails.
 */
class HiddenHolderIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY = Duration.ofSeconds(10);

    /** Holds open every path given, prints "PID FD...", then waits to be killed. */
    private static final String HOLD_FDS = String.join("\n",
            "import os, sys, time",
            "fds = [os.open(p, os.O_RDONLY) for p in sys.argv[1:]]",
            "print(os.getpid(), *fds, flush=True)",
            "time.sleep(300)", "");

    /**
     * Single-threaded: enters the network namespace at argv[1], makes a UDP socket there, goes back,
     * closes both namespace descriptors and prints "PID SOCKETFD": only the socket refers to it then.
     */
    private static final String SOCKET_IN_NETNS = String.join("\n",
            "import ctypes, os, socket, sys, time",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "target = os.open(sys.argv[1], os.O_RDONLY)",
            "home = os.open('/proc/self/ns/net', os.O_RDONLY)",
            "if libc.setns(target, 0x40000000) != 0:",
            "    raise OSError(ctypes.get_errno(), 'setns into the target')",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "if libc.setns(home, 0x40000000) != 0:",
            "    raise OSError(ctypes.get_errno(), 'setns back')",
            "os.close(target)",
            "os.close(home)",
            "print(os.getpid(), s.fileno(), flush=True)",
            "time.sleep(300)", "");

    /**
     * A second thread gives itself a descriptor table of its own (unshare(CLONE_FILES)), makes a UDP
     * socket in the network namespace at argv[1] and goes back; prints "PID TID SOCKETFD". Only that
     * socket, in the thread's table alone, refers to the namespace then.
     */
    private static final String THREAD_SOCKET_IN_NETNS = String.join("\n",
            "import ctypes, os, socket, sys, threading, time",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "ready = threading.Event()",
            "result = {}",
            "def hold():",
            "    try:",
            "        if libc.unshare(0x400) != 0:",
            "            raise OSError(ctypes.get_errno(), 'unshare(CLONE_FILES) in the thread')",
            "        target = os.open(sys.argv[1], os.O_RDONLY)",
            "        home = os.open('/proc/thread-self/ns/net', os.O_RDONLY)",
            "        if libc.setns(target, 0x40000000) != 0:",
            "            raise OSError(ctypes.get_errno(), 'setns into the target')",
            "        result['socket'] = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "        if libc.setns(home, 0x40000000) != 0:",
            "            raise OSError(ctypes.get_errno(), 'setns back')",
            "        os.close(target)",
            "        os.close(home)",
            "        result['tid'] = threading.get_native_id()",
            "    except OSError as e:",
            "        result['error'] = e",
            "    ready.set()",
            "    time.sleep(300)",
            "threading.Thread(target=hold, daemon=True).start()",
            "ready.wait()",
            "if 'error' in result:",
            "    raise result['error']",
            "print(os.getpid(), result['tid'], result['socket'].fileno(), flush=True)",
            "time.sleep(300)", "");

    /** A second thread enters the network namespace at argv[1] and closes its descriptor; prints "PID TID". */
    private static final String THREAD_IN_NETNS = String.join("\n",
            "import ctypes, os, sys, threading, time",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "ready = threading.Event()",
            "result = {}",
            "def enter():",
            "    fd = os.open(sys.argv[1], os.O_RDONLY)",
            "    result['rc'] = libc.setns(fd, 0x40000000)",
            "    result['errno'] = ctypes.get_errno()",
            "    os.close(fd)",
            "    result['tid'] = threading.get_native_id()",
            "    ready.set()",
            "    time.sleep(300)",
            "threading.Thread(target=enter, daemon=True).start()",
            "ready.wait()",
            "if result['rc'] != 0:",
            "    raise OSError(result['errno'], 'setns in the thread')",
            "print(os.getpid(), result['tid'], flush=True)",
            "time.sleep(300)", "");

    /**
     * A second thread gives itself a private fd table (unshare(CLONE_FILES)) and opens argv[1] there;
     * prints "PID TID FD".
     */
    private static final String THREAD_OWN_FD_TABLE = String.join("\n",
            "import ctypes, os, sys, threading, time",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "ready = threading.Event()",
            "result = {}",
            "def hold():",
            "    result['rc'] = libc.unshare(0x400)",
            "    result['errno'] = ctypes.get_errno()",
            "    result['fd'] = os.open(sys.argv[1], os.O_RDONLY)",
            "    result['tid'] = threading.get_native_id()",
            "    ready.set()",
            "    time.sleep(300)",
            "threading.Thread(target=hold, daemon=True).start()",
            "ready.wait()",
            "if result['rc'] != 0:",
            "    raise OSError(result['errno'], 'unshare(CLONE_FILES) in the thread')",
            "print(os.getpid(), result['tid'], result['fd'], flush=True)",
            "time.sleep(300)", "");

    /**
     * A second thread makes a PID namespace for its future children (unshare(CLONE_NEWPID)) and forks
     * its init, which exits at once (the kernel shows a PID namespace only once it has had an init):
     * from then on only that thread's pid_for_children link holds it. Prints "PID TID".
     */
    private static final String THREAD_PID_FOR_CHILDREN = String.join("\n",
            "import ctypes, os, threading, time",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "ready = threading.Event()",
            "result = {}",
            "def unshare():",
            "    result['rc'] = libc.unshare(0x20000000)",
            "    result['errno'] = ctypes.get_errno()",
            "    if result['rc'] == 0:",
            "        child = os.fork()",
            "        if child == 0:",
            "            os._exit(0)",
            "        os.waitpid(child, 0)",
            "    result['tid'] = threading.get_native_id()",
            "    ready.set()",
            "    time.sleep(300)",
            "threading.Thread(target=unshare, daemon=True).start()",
            "ready.wait()",
            "if result['rc'] != 0:",
            "    raise OSError(result['errno'], 'unshare(CLONE_NEWPID) in the thread')",
            "print(os.getpid(), result['tid'], flush=True)",
            "time.sleep(300)", "");

    private static String pythonExecutable;

    private Sandbox sandbox;
    private HolderMounts mounts;
    private String ownMountNs;
    private Path scripts;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Commands.isRoot(), "HiddenHolderIT makes namespaces, mounts and named netns on the real host: run it as root");
        Workloads.require("unshare", "nsenter", "mount");
        sandbox = new Sandbox();
        mounts = new HolderMounts(sandbox);
        ownMountNs = link("/proc/self/ns/mnt");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    // ---------------------------------------------------------------- 1. bind mount outside /run/netns

    @Test
    void netnsHeldOnlyByBindMountOutsideRunNetns() throws Exception {
        Path dir = mounts.privateDirectory();
        Path file = bindMountedNamespace(dir, "nsfile", "net");
        String id = "net:[" + inode(file) + "]";
        assertThat(id).as("precondition: a new netns").isNotEqualTo(link("/proc/self/ns/net"));

        JsonNode ns = namespace(scanJson(), id);

        assertThat(ns.get("processes")).as("members of %s", id).isEmpty();
        assertThat(ns.get("threads")).isEmpty();
        assertThat(holders(ns)).as("holders of %s", id).allSatisfy(h -> assertThat(h.get("kind").asText()).isEqualTo("bind_mount"));
        List<JsonNode> here = holders(ns).stream().filter(h -> ownMountNs.equals(text(h, "mount_namespace"))).collect(Collectors.toList());
        assertThat(here).as("bind mounts of %s in listns's own mount namespace", id).hasSize(1);
        assertThat(text(here.get(0), "path")).isEqualTo(file.toString());
        assertThat(text(here.get(0), "description")).isEqualTo("bind mount " + file);

        List<String> table = Commands.lines(listnsOk("-t", "net").out());
        assertThat(table).contains(String.format("%10s  %-20s  %s", "--", id, "bind mount " + file));
        assertThat(table.stream().filter(l -> l.contains(id))).as("table rows of %s", id)
                .allSatisfy(l -> assertThat(l).matches("\\s+--\\s+net:\\[\\d+\\]\\s+bind mount .*"));
    }

    // ---------------------------------------------------------------- 2. fd in a process that never was a member

    @Test
    void netnsHeldOnlyByFdOfProcessThatNeverWasInIt() throws Exception {
        FdHeld held = fdHeldNetns();

        JsonNode ns = namespace(scanJson(), held.id());

        assertThat(ns.get("processes")).as("members of %s", held.id()).isEmpty();
        assertThat(ns.get("threads")).isEmpty();
        assertThat(holders(ns)).as("holders of %s", held.id()).hasSize(1);
        JsonNode holder = holders(ns).get(0);
        assertThat(text(holder, "kind")).isEqualTo("fd");
        assertThat(holder.get("fd").asInt()).isEqualTo(held.fd());
        assertThat(holder.get("pid").asInt()).isEqualTo(held.pid());
        assertThat(text(holder, "command")).startsWith(python());
        assertThat(text(holder, "description"))
                .isEqualTo("fd " + held.fd() + " of " + held.pid() + " " + text(holder, "command"));
    }

    @Test
    void fdOpenedThroughBindMountIsFoundWithItsTypeAfterTheMountIsGone() throws Exception {
        requireNative();
        Path dir = mounts.privateDirectory();
        Path netFile = bindMountedNamespace(dir, "net file", "net");
        Path utsFile = bindMountedNamespace(dir, "uts file", "uts");
        String netId = "net:[" + inode(netFile) + "]";
        String utsId = "uts:[" + inode(utsFile) + "]";
        Sandbox.Started holder = sandbox.start(python(), script("it_hold_fds.py", HOLD_FDS), netFile.toString(), utsFile.toString());
        int[] words = numbers(holder.awaitLine(READY));
        int pid = words[0];
        int netFd = words[1];
        int utsFd = words[2];
        assertThat(link("/proc/" + pid + "/fd/" + netFd)).as("precondition: link text is the path").isEqualTo(netFile.toString());

        // While mounted: the link text is the path, so the type must come from the kernel (or the mount).
        JsonNode before = scanJson();
        assertThat(holders(namespace(before, netId))).anySatisfy(h -> assertFd(h, pid, netFd));
        assertThat(holders(namespace(before, utsId))).anySatisfy(h -> assertFd(h, pid, utsFd));

        ok("umount", "-l", netFile.toString());
        ok("umount", "-l", utsFile.toString());
        assertThat(link("/proc/" + pid + "/fd/" + netFd)).as("precondition: link text once unmounted").isEqualTo("/");

        JsonNode after = scanJson();
        JsonNode net = namespace(after, netId);
        assertThat(text(net, "type")).isEqualTo("net");
        assertThat(holders(net)).as("holders of %s", netId).hasSize(1).first().satisfies(h -> assertFd(h, pid, netFd));
        JsonNode uts = namespace(after, utsId);
        assertThat(text(uts, "type")).isEqualTo("uts");
        assertThat(holders(uts)).as("holders of %s", utsId).hasSize(1).first().satisfies(h -> assertFd(h, pid, utsFd));
        assertThat(namespaces(after).stream().filter(n -> n.get("inode").asLong() == inodeOf(netId)))
                .as("namespaces with inode of %s", netId).hasSize(1);
    }

    // ---------------------------------------------------------------- 3. socket

    @Test
    void netnsHeldOnlyBySocket() throws Exception {
        requireNative();
        Sandbox.Started member = sandbox.start("unshare", "--net", "sleep", "300");
        String id = awaitNewNamespace(member, "net");
        Sandbox.Started holder = sandbox.start(python(), script("it_socket.py", SOCKET_IN_NETNS), "/proc/" + pid(member) + "/ns/net");
        int[] words = numbers(holder.awaitLine(READY));
        int pid = words[0];
        int socketFd = words[1];
        Commands.kill(member.process().toHandle());
        assertThat(nsfsLinks(pid)).as("precondition: the python process holds no nsfs fd").isEmpty();
        assertThat(link("/proc/" + pid + "/ns/net")).as("precondition: python is back home").isEqualTo(link("/proc/self/ns/net"));

        JsonNode socket = soleHolder(scanJson(), id);
        assertThat(text(socket, "kind")).isEqualTo("socket");
        assertThat(socket.get("fd").asInt()).isEqualTo(socketFd);
        assertThat(socket.get("pid").asInt()).isEqualTo(pid);
        assertThat(text(socket, "description")).isEqualTo("socket fd " + socketFd + " of " + pid + " " + text(socket, "command"));
    }

    @Test
    void netnsHeldOnlyBySocketInAThreadsOwnDescriptorTable() throws Exception {
        requireNative();
        ThreadHold hold = threadHoldingANewNetns("it_thread_socket.py", THREAD_SOCKET_IN_NETNS);
        String id = hold.netns();
        int pid = hold.pid();
        int tid = hold.tid();
        int socketFd = hold.fd();
        assertThat(tid).as("precondition: not the main thread").isNotEqualTo(pid);
        String threadsSocket = link("/proc/" + pid + "/task/" + tid + "/fd/" + socketFd);
        assertThat(threadsSocket).as("precondition: a socket in the thread's table").startsWith("socket:[");
        assertThat(linkOrEmpty("/proc/" + pid + "/fd/" + socketFd)).as("precondition: not in the process's table")
                .isNotEqualTo(threadsSocket);
        assertThat(link("/proc/" + pid + "/task/" + tid + "/ns/net")).as("precondition: the thread is back home")
                .isEqualTo(link("/proc/self/ns/net"));

        JsonNode socket = soleHolder(scanJson(), id);
        assertThat(text(socket, "kind")).isEqualTo("socket");
        assertThat(socket.get("fd").asInt()).isEqualTo(socketFd);
        assertThat(socket.get("tid").asInt()).isEqualTo(tid);
        assertThat(socket.get("pid").asInt()).isEqualTo(pid);
        assertThat(text(socket, "description"))
                .isEqualTo("socket fd " + socketFd + " of thread " + tid + " of " + pid + " " + text(socket, "command"));
    }

    /** A new network namespace whose member is gone, and the thread a helper script made hold it: "PID TID FD". */
    private record ThreadHold(String netns, int pid, int tid, int fd) {
    }

    private ThreadHold threadHoldingANewNetns(String name, String helper) throws Exception {
        Sandbox.Started member = sandbox.start("unshare", "--net", "sleep", "300");
        String id = awaitNewNamespace(member, "net");
        Sandbox.Started holder = sandbox.start(python(), script(name, helper), "/proc/" + pid(member) + "/ns/net");
        int[] words = numbers(holder.awaitLine(READY));
        Commands.kill(member.process().toHandle());
        return new ThreadHold(id, words[0], words[1], words[2]);
    }

    // ---------------------------------------------------------------- 4. mount in another process's private mount namespace

    @Test
    void netnsHeldOnlyByMountInsideAnotherProcesssMountNamespace() throws Exception {
        Hidden hidden = hiddenMount();

        JsonNode ns = namespace(scanJson(), hidden.netId());

        assertThat(ns.get("processes")).as("members of %s", hidden.netId()).isEmpty();
        assertThat(holders(ns)).as("holders of %s", hidden.netId()).hasSize(1);
        JsonNode mount = holders(ns).get(0);
        assertThat(text(mount, "kind")).isEqualTo("bind_mount");
        assertThat(text(mount, "path")).isEqualTo(hidden.file().toString());
        assertThat(text(mount, "mount_namespace")).isEqualTo(hidden.mountNs());
        assertThat(text(mount, "description")).isEqualTo("bind mount " + hidden.file() + " in " + hidden.mountNs());
    }

    // ---------------------------------------------------------------- 5. netns inside a mount namespace without processes

    @Test
    void netnsInsideMountNamespaceHeldOnlyByBindMount() throws Exception {
        Path dir = mounts.privateDirectory();
        Path mntFile = bindMountedNamespace(dir, "mntfile", "mount");
        String mntId = "mnt:[" + inode(mntFile) + "]";
        assertThat(mntId).as("precondition: a new mount namespace").isNotEqualTo(ownMountNs);
        Path inner = Files.createDirectories(dir.resolve("root-dir"));
        Path netFile = Files.createFile(inner.resolve("f"));
        Sandbox.Started member = sandbox.start("unshare", "--net", "sleep", "300");
        String netId = awaitNewNamespace(member, "net");
        ok("nsenter", "--mount=" + mntFile, "mount", "--bind", "/proc/" + pid(member) + "/ns/net", netFile.toString());
        Commands.kill(member.process().toHandle());
        assertThat(HolderMounts.ownMountPoints()).as("precondition: not mounted on the host").doesNotContain(netFile.toString());

        JsonNode doc = scanJson();

        JsonNode mnt = namespace(doc, mntId);
        assertThat(mnt.get("processes")).as("members of %s", mntId).isEmpty();
        List<JsonNode> here = holders(mnt).stream().filter(h -> ownMountNs.equals(text(h, "mount_namespace"))).collect(Collectors.toList());
        assertThat(here).as("holders of %s in listns's own mount namespace", mntId).hasSize(1);
        assertThat(text(here.get(0), "kind")).isEqualTo("bind_mount");
        assertThat(text(here.get(0), "path")).isEqualTo(mntFile.toString());
        assertThat(text(here.get(0), "description")).isEqualTo("bind mount " + mntFile);

        JsonNode net = namespace(doc, netId);
        assertThat(net.get("processes")).as("members of %s", netId).isEmpty();
        assertThat(holders(net)).as("holders of %s", netId).hasSize(1);
        JsonNode mount = holders(net).get(0);
        assertThat(text(mount, "kind")).isEqualTo("bind_mount");
        assertThat(text(mount, "path")).isEqualTo(netFile.toString());
        assertThat(text(mount, "mount_namespace")).isEqualTo(mntId);
        assertThat(text(mount, "description")).isEqualTo("bind mount " + netFile + " in " + mntId);
    }

    /** Two levels: a processless mount namespace bound inside another processless one, a netns bound in the inner. */
    @Test
    void netnsInsideNestedProcesslessMountNamespaces() throws Exception {
        Path dir = mounts.privateDirectory();
        // Both mount namespaces are made on one CPU: the kernel (6.18) refuses with EINVAL to bind a mount
        // namespace whose id is not above the id of the namespace it is bound in, and it hands out ids in
        // per-CPU batches, so a namespace made later on another CPU can have the lower id.
        Path outerFile = Files.createFile(dir.resolve("outer"));
        ok(onOneCpu("unshare", "--mount=" + outerFile, "--propagation", "private", "true"));
        String outerId = "mnt:[" + inode(outerFile) + "]";
        Path innerFile = Files.createFile(dir.resolve("inner"));
        Path netFile = Files.createFile(dir.resolve("net"));
        String innerId = bindNewMountNamespace(outerFile, innerFile);
        assertThat(innerId).as("precondition: a third mount namespace").isNotIn(outerId, ownMountNs);
        Sandbox.Started member = sandbox.start("unshare", "--net", "sleep", "300");
        String netId = awaitNewNamespace(member, "net");
        ok("nsenter", "--mount=" + outerFile, "nsenter", "--mount=" + innerFile,
                "mount", "--bind", "/proc/" + pid(member) + "/ns/net", netFile.toString());
        Commands.kill(member.process().toHandle());

        JsonNode doc = scanJson();

        JsonNode inner = namespace(doc, innerId);
        assertThat(inner.get("processes")).isEmpty();
        assertThat(holders(inner)).as("holders of %s", innerId).hasSize(1).first().satisfies(h -> {
            assertThat(text(h, "kind")).isEqualTo("bind_mount");
            assertThat(text(h, "mount_namespace")).isEqualTo(outerId);
            assertThat(text(h, "description")).isEqualTo("bind mount " + innerFile + " in " + outerId);
        });
        JsonNode net = namespace(doc, netId);
        assertThat(holders(net)).as("holders of %s", netId).hasSize(1).first().satisfies(h -> {
            assertThat(text(h, "kind")).isEqualTo("bind_mount");
            assertThat(text(h, "mount_namespace")).isEqualTo(innerId);
            assertThat(text(h, "description")).isEqualTo("bind mount " + netFile + " in " + innerId);
        });
    }

    /**
     * Binds a new, then processless, mount namespace at {@code innerFile} inside the processless mount
     * namespace bound at {@code outerFile}; answers its id.
     */
    private String bindNewMountNamespace(Path outerFile, Path innerFile) throws Exception {
        Sandbox.Started innerMember = sandbox.start(onOneCpu("nsenter", "--mount=" + outerFile,
                "unshare", "--mount", "--propagation", "private", "sleep", "300"));
        Sandbox.awaitComm(innerMember.process(), "sleep");
        String innerId = link("/proc/" + pid(innerMember) + "/ns/mnt");
        ok("nsenter", "--mount=" + outerFile,
                "mount", "--bind", "/proc/" + pid(innerMember) + "/ns/mnt", innerFile.toString());
        Commands.kill(innerMember.process().toHandle());
        return innerId;
    }

    /** The mount namespace is held by an fd, so the helper must enter it through /proc/PID/fd/N. */
    @Test
    void netnsInsideMountNamespaceHeldOnlyByFd() throws Exception {
        Path dir = mounts.privateDirectory();
        Path netFile = Files.createFile(dir.resolve("f"));
        Sandbox.Started mountMember = sandbox.start("unshare", "--mount", "--propagation", "private", "sleep", "300");
        String mntId = awaitNewNamespace(mountMember, "mnt");
        Sandbox.Started netMember = sandbox.start("unshare", "--net", "sleep", "300");
        String netId = awaitNewNamespace(netMember, "net");
        ok("nsenter", "--target", Integer.toString(pid(mountMember)), "--mount",
                "mount", "--bind", "/proc/" + pid(netMember) + "/ns/net", netFile.toString());
        Sandbox.Started holder = sandbox.start(python(), script("it_hold_fds.py", HOLD_FDS), "/proc/" + pid(mountMember) + "/ns/mnt");
        int[] words = numbers(holder.awaitLine(READY));
        Commands.kill(mountMember.process().toHandle());
        Commands.kill(netMember.process().toHandle());

        JsonNode doc = scanJson();

        JsonNode mnt = namespace(doc, mntId);
        assertThat(mnt.get("processes")).isEmpty();
        assertThat(holders(mnt)).as("holders of %s", mntId).hasSize(1).first().satisfies(h -> assertFd(h, words[0], words[1]));
        JsonNode net = namespace(doc, netId);
        assertThat(net.get("processes")).isEmpty();
        assertThat(holders(net)).as("holders of %s", netId).hasSize(1).first().satisfies(h -> {
            assertThat(text(h, "kind")).isEqualTo("bind_mount");
            assertThat(text(h, "path")).isEqualTo(netFile.toString());
            assertThat(text(h, "description")).isEqualTo("bind mount " + netFile + " in " + mntId);
        });
    }

    // ---------------------------------------------------------------- 6. a thread that is not the main thread

    @Test
    void netnsWhoseOnlyMemberIsANonMainThread() throws Exception {
        Path dir = mounts.privateDirectory();
        Path netFile = bindMountedNamespace(dir, "nsfile", "net");
        String id = "net:[" + inode(netFile) + "]";
        Sandbox.Started holder = sandbox.start(python(), script("it_thread.py", THREAD_IN_NETNS), netFile.toString());
        int[] words = numbers(holder.awaitLine(READY));
        int pid = words[0];
        int tid = words[1];
        ok("umount", netFile.toString());
        assertThat(tid).as("precondition: not the main thread").isNotEqualTo(pid);
        assertThat(link("/proc/" + pid + "/task/" + tid + "/ns/net")).as("precondition: the thread is in it").isEqualTo(id);
        assertThat(nsfsLinks(pid)).as("precondition: no nsfs fd left").isEmpty();

        JsonNode ns = namespace(scanJson(), id);

        assertThat(ns.get("processes")).as("processes in %s", id).isEmpty();
        assertThat(ints(ns.get("threads"))).as("threads in %s", id).containsExactly(tid);
        assertThat(holders(ns)).as("holders of %s", id).hasSize(1);
        JsonNode thread = holders(ns).get(0);
        assertThat(text(thread, "kind")).isEqualTo("thread");
        assertThat(thread.get("tid").asInt()).isEqualTo(tid);
        assertThat(thread.get("pid").asInt()).isEqualTo(pid);
        assertThat(text(thread, "description")).isEqualTo("thread " + tid + " of " + pid + " " + text(thread, "command"));
    }

    @Test
    void pidNamespaceHeldOnlyByANonMainThreadsPidForChildren() throws Exception {
        Sandbox.Started holder = sandbox.start(python(), script("it_thread_pid.py", THREAD_PID_FOR_CHILDREN));
        int[] words = numbers(holder.awaitLine(READY));
        int pid = words[0];
        int tid = words[1];
        String id = link("/proc/" + pid + "/task/" + tid + "/ns/pid_for_children");
        assertThat(tid).as("precondition: not the main thread").isNotEqualTo(pid);
        assertThat(link("/proc/" + pid + "/task/" + tid + "/ns/pid")).as("precondition: the thread itself stays").isNotEqualTo(id);
        assertThat(link("/proc/" + pid + "/ns/pid_for_children")).as("precondition: not the process's link").isNotEqualTo(id);

        JsonNode forChildren = soleHolder(scanJson(), id);
        assertThat(text(forChildren, "kind")).isEqualTo("for_children");
        assertThat(forChildren.get("tid").asInt()).isEqualTo(tid);
        assertThat(forChildren.get("pid").asInt()).isEqualTo(pid);
        assertThat(text(forChildren, "description"))
                .isEqualTo("for children of thread " + tid + " of " + pid + " " + text(forChildren, "command"));
    }

    // ---------------------------------------------------------------- 7. hierarchy

    @Test
    void processlessUserNamespaceIsHeldByItsChild() throws Exception {
        requireNative();
        Hierarchy h = hierarchy();

        JsonNode doc = scanJson();

        JsonNode middle = namespace(doc, h.middle());
        assertThat(middle.get("processes")).as("members of the middle user namespace").isEmpty();
        assertThat(holders(middle)).as("holders of %s", h.middle()).hasSize(1);
        JsonNode parentOf = holders(middle).get(0);
        assertThat(text(parentOf, "kind")).isEqualTo("child_namespace");
        assertThat(text(parentOf, "namespace")).isEqualTo(h.inner());
        assertThat(text(parentOf, "description")).isEqualTo("parent of " + h.inner());
        assertThat(middle.get("owner_uid").isInt()).as("owner_uid of %s: %s", h.middle(), middle.get("owner_uid")).isTrue();
        assertThat(middle.get("owner_uid").asInt()).isZero();
        assertThat(text(middle, "parent")).isEqualTo(link("/proc/self/ns/user"));

        JsonNode inner = namespace(doc, h.inner());
        assertThat(text(inner, "parent")).isEqualTo(h.middle());
        assertThat(text(inner, "owner")).isEqualTo(h.middle());
        assertThat(ints(inner.get("processes"))).contains(h.sleeper());
        assertThat(holders(inner)).anySatisfy(o -> {
            assertThat(text(o, "kind")).isEqualTo("owned_namespace");
            assertThat(text(o, "description")).isEqualTo("owner of " + h.innerPid());
        });

        JsonNode pid = namespace(doc, h.innerPid());
        assertThat(text(pid, "owner")).isEqualTo(h.inner());
        assertThat(text(pid, "parent")).isEqualTo(link("/proc/self/ns/pid"));

        List<String> tree = Commands.lines(listnsOk("-T", "parent").out());
        int at = indexOf(tree, l -> l.contains(h.middle() + "  "));
        assertThat(at).as("line of %s in:%n%s", h.middle(), String.join("\n", tree)).isGreaterThanOrEqualTo(0);
        String middleLine = tree.get(at);
        int label = middleLine.indexOf(h.middle());
        String glyph = middleLine.substring(Math.max(0, label - 4), label);
        assertThat(glyph).as("the middle user namespace hangs under another: %s", middleLine).isIn("|-- ", "`-- ");
        String childPrefix = middleLine.substring(0, label - 4) + (glyph.equals("|-- ") ? "|   " : "    ");
        assertThat(at + 1).isLessThan(tree.size());
        assertThat(tree.get(at + 1)).as("the line under %s", middleLine).startsWith(childPrefix + "`-- " + h.inner() + "  ");
    }

    // ---------------------------------------------------------------- 8. NETNSID

    @Test
    void netnsIdAssignedWithIpNetnsSet() throws Exception {
        requireNative();
        Workloads.require("ip");
        String name = Sandbox.uniqueName("listns-it-nsid");
        sandbox.addNetns(name);
        int nsid = freeNsid();
        ok("ip", "netns", "set", name, Integer.toString(nsid));
        assertThat(ok("ip", "netns", "list-id").stdout()).as("precondition").contains("nsid " + nsid + " ");
        Path file = Path.of("/run/netns", name);
        String id = "net:[" + inode(file) + "]";

        JsonNode ns = namespace(scanJson(), id);

        assertThat(ns.get("netnsid").isInt()).as("netnsid of %s: %s", id, ns.get("netnsid")).isTrue();
        assertThat(ns.get("netnsid").asInt()).isEqualTo(nsid);
        assertThat(texts(ns.get("names"))).containsExactly(name);
        // Sandboxes on the host that bind / recursively (bwrap --ro-bind / /) receive the mount too, by
        // propagation: only listns's own mount namespace must hold exactly one.
        String own = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        assertThat(holders(ns)).as("holders of %s in %s (one bind mount, not one per discovery)", id, own)
                .filteredOn(h -> own.equals(h.get("mount_namespace").asText())).hasSize(1);
        assertThat(text(holders(ns).get(0), "path")).isEqualTo(file.toString());
    }

    // ---------------------------------------------------------------- harder variants that expose bugs

    /**
     * A thread that unshared its fd table (unshare(CLONE_FILES)) holds the only fd: /proc/PID/fd shows
     * the main thread's table, the fd is only under /proc/PID/task/TID/fd. Exposes a bug: OpenFiles
     * lists /proc/PID/fd only, so FdDiscovery (and SocketDiscovery) never see such a descriptor and
     * the namespace is not reported at all.
     */
    @Test
    void netnsHeldOnlyByFdInAThreadsOwnFdTable() throws Exception {
        ThreadHold hold = threadHoldingANewNetns("it_thread_fd.py", THREAD_OWN_FD_TABLE);
        String id = hold.netns();
        int pid = hold.pid();
        int tid = hold.tid();
        int fd = hold.fd();
        assertThat(nsfsLinks(pid)).as("precondition: not in the process's (main thread's) fd table").isEmpty();
        assertThat(link("/proc/" + pid + "/task/" + tid + "/fd/" + fd)).as("precondition: in the thread's own table").isEqualTo(id);

        JsonNode ns = namespace(scanJson(), id);

        assertThat(holders(ns)).as("holders of %s", id).singleElement().satisfies(h -> {
            assertThat(text(h, "kind")).isEqualTo("fd");
            assertThat(h.get("pid").asInt()).isEqualTo(pid);
            assertThat(h.get("tid").asInt()).isEqualTo(tid);
            assertThat(h.get("fd").asInt()).isEqualTo(fd);
            assertThat(text(h, "description")).startsWith("fd " + fd + " of thread " + tid + " of " + pid + " ");
        });
    }

    /**
     * Two netns bound on the same file, one over the other: the path opens only the upper one. The
     * lower one is still reported as bind-mounted, but no path reaches it, so its owner is unknown;
     * it must never be given the upper one's (which the mount point's path would answer with).
     * Known limit: its owning user namespace, kept alive only by the covered netns, stays unfound.
     */
    @Test
    void stackedBindMountsKeepEachNamespacesOwnOwner() throws Exception {
        requireNative();
        Path dir = mounts.privateDirectory();
        Path file = Files.createFile(dir.resolve("f"));
        Sandbox.Started lowerMember = sandbox.start("unshare", "--user", "--map-root-user", "--net", "sleep", "300");
        String lower = awaitNewNamespace(lowerMember, "net");
        String owner = link("/proc/" + pid(lowerMember) + "/ns/user");
        Sandbox.Started upperMember = sandbox.start("unshare", "--net", "sleep", "300");
        String upper = awaitNewNamespace(upperMember, "net");
        ok("mount", "--bind", "/proc/" + pid(lowerMember) + "/ns/net", file.toString());
        ok("mount", "--bind", "/proc/" + pid(upperMember) + "/ns/net", file.toString());
        Commands.kill(lowerMember.process().toHandle());
        Commands.kill(upperMember.process().toHandle());
        assertThat(HolderMounts.ownMountPoints().stream().filter(file.toString()::equals)).as("precondition: two mounts").hasSize(2);
        assertThat("net:[" + inode(file) + "]").as("precondition: the path opens the upper one").isEqualTo(upper);

        JsonNode doc = scanJson();

        assertThat(text(namespace(doc, upper), "owner")).isEqualTo(link("/proc/self/ns/user"));
        JsonNode lowerNs = namespace(doc, lower);
        assertThat(holders(lowerNs)).anySatisfy(h -> assertThat(text(h, "description")).isEqualTo("bind mount " + file));
        // No path leads to a covered mount, so its owner cannot be asked: unknown is honest, the upper one's is wrong.
        assertThat(text(lowerNs, "owner")).as("owner of the covered %s", lower).isNull();
        assertThat(text(lowerNs, "netnsid")).as("NETNSID of the covered %s", lower).isNull();
    }

    /**
     * The mount namespace's only process is chrooted, so its /proc/PID/mountinfo leaves out every
     * mount outside the chroot, the netns bind mount included; the namespace's full table has it.
     * Exposes a bug: BindMountDiscovery reads the table of one member per mount namespace through
     * /proc/PID/mountinfo, which is relative to that member's root, and the netns is not reported.
     */
    @Test
    void netnsBoundOutsideTheChrootOfTheMountNamespacesOnlyProcess() throws Exception {
        Path dir = mounts.directory();
        Path hiddenDir = Files.createDirectories(dir.resolve("hidden"));
        Path jail = Files.createDirectories(dir.resolve("jail"));
        Path file = hiddenDir.resolve("x");
        Sandbox.Started owner = sandbox.start("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --rbind / " + jail + " && mount --make-rprivate " + jail
                        + " && mount -t tmpfs listns-it " + hiddenDir + " && touch " + file
                        + " && unshare --net=" + file + " true && echo ready && exec chroot " + jail + " sleep 300");
        assertThat(owner.awaitLine(READY)).isEqualTo("ready");
        Sandbox.awaitComm(owner.process(), "sleep");
        String mountNs = link("/proc/" + pid(owner) + "/ns/mnt");
        String netId = "net:[" + ok("nsenter", "--mount=/proc/" + pid(owner) + "/ns/mnt",
                "stat", "-L", "-c", "%i", file.toString()).stdout().trim() + "]";
        assertThat(Files.readString(Path.of("/proc/" + pid(owner) + "/mountinfo"))).as("precondition: hidden from the member")
                .doesNotContain(file.toString());

        JsonNode ns = namespace(scanJson(), netId);

        assertThat(holders(ns)).as("holders of %s", netId).singleElement().satisfies(h -> {
            assertThat(text(h, "kind")).isEqualTo("bind_mount");
            assertThat(text(h, "description")).isEqualTo("bind mount " + file + " in " + mountNs);
        });
    }

    /**
     * A mount point with a byte that is not UTF-8, made inside a user and mount namespace of its own
     * (as an unprivileged user could): the scan must still succeed and show the byte escaped.
     */
    @Test
    void scanSurvivesAMountPointThatIsNotUtf8() throws Exception {
        Path dir = mounts.directory();
        Path hidden = Files.createDirectories(dir.resolve("hidden"));
        Sandbox.Started owner = sandbox.start("unshare", "--user", "--map-root-user", "--mount", "--net",
                "--propagation", "private", "sh", "-c",
                "f=\"$0/bad$(printf '\\377')\" && mount -t tmpfs listns-it \"$0\" && touch \"$f\""
                        + " && mount --bind /proc/self/ns/net \"$f\" && echo ready && exec sleep 300", hidden.toString());
        assertThat(owner.awaitLine(READY)).as("stderr: %s", owner.stderr()).isEqualTo("ready");
        Sandbox.awaitComm(owner.process(), "sleep");
        String mountNs = link("/proc/" + pid(owner) + "/ns/mnt");
        String netId = link("/proc/" + pid(owner) + "/ns/net");

        Sandbox.Cli run = Sandbox.listns("-J");

        assertThat(run.exitCode()).as("listns -J exit code; stderr: %s", run.err()).isZero();
        assertThat(holders(namespace(json(run.out()), netId))).anySatisfy(h -> {
            assertThat(text(h, "kind")).isEqualTo("bind_mount");
            assertThat(text(h, "description")).isEqualTo("bind mount " + hidden + "/bad\\xff in " + mountNs);
        });
    }

    // ---------------------------------------------------------------- 9. lsns as an oracle

    @Test
    void everyNamespaceLsnsSeesListnsSeesToo() throws Exception {
        requireNative();
        Workloads.require("lsns");
        Path dir = mounts.privateDirectory();
        String bound = "net:[" + inode(bindMountedNamespace(dir, "nsfile", "net")) + "]";
        FdHeld fd = fdHeldNetns();
        Hidden hidden = hiddenMount();
        Hierarchy hierarchy = hierarchy();
        Sandbox.Started member = sandbox.start("unshare", "--net", "--uts", "--ipc", "sleep", "300");
        String memberNet = awaitNewNamespace(member, "net");

        // Namespaces of other processes come and go: keep only those lsns sees both before and after.
        Set<String> lsns = lsns();
        JsonNode doc = json(listnsOk("-J", "-a").out());
        lsns.retainAll(lsns());

        Set<String> listed = namespaces(doc).stream().map(n -> text(n, "id")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(lsns).as("precondition: lsns sees the namespaces with members")
                .contains(memberNet, hidden.mountNs(), hierarchy.inner(), hierarchy.innerPid());
        Set<String> missing = new TreeSet<>(lsns);
        missing.removeAll(listed);
        assertThat(missing).as("namespaces lsns sees that listns -a does not report").isEmpty();
        assertThat(listed).as("and the hidden ones lsns cannot see")
                .contains(bound, fd.id(), hidden.netId(), hierarchy.middle());
    }

    // ================================================================ builders

    private record FdHeld(String id, int pid, int fd) {
    }

    private record Hidden(String netId, String mountNs, Path file) {
    }

    private record Hierarchy(String middle, String inner, String innerPid, int sleeper) {
    }

    /** {@code unshare --TYPE=FILE true}: a namespace held only by a bind mount at dir/name. */
    private Path bindMountedNamespace(Path dir, String name, String unshareOption) throws Exception {
        Path file = Files.createFile(dir.resolve(name));
        if (unshareOption.equals("mount")) {
            ok("unshare", "--mount=" + file, "--propagation", "private", "true");
        } else {
            ok("unshare", "--" + unshareOption + "=" + file, "true");
        }
        return file;
    }

    /** A netns whose creator was killed, held by an fd python opened through /proc/PID/ns/net. */
    private FdHeld fdHeldNetns() throws Exception {
        Sandbox.Started member = sandbox.start("unshare", "--net", "sleep", "300");
        String id = awaitNewNamespace(member, "net");
        Sandbox.Started holder = sandbox.start(python(), script("it_hold_fds.py", HOLD_FDS), "/proc/" + pid(member) + "/ns/net");
        int[] words = numbers(holder.awaitLine(READY));
        Commands.kill(member.process().toHandle());
        assertThat(link("/proc/" + words[0] + "/ns/net")).as("precondition: the holder never was in it").isNotEqualTo(id);
        return new FdHeld(id, words[0], words[1]);
    }

    /** A netns bound at a path on a tmpfs that only one process's private mount namespace has. */
    private Hidden hiddenMount() throws Exception {
        Path dir = mounts.directory();
        Path hiddenDir = Files.createDirectories(dir.resolve("hidden"));
        Path file = hiddenDir.resolve("x");
        Sandbox.Started owner = sandbox.start("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs listns-it " + hiddenDir + " && touch " + file + " && unshare --net=" + file
                        + " true && echo ready && exec sleep 300");
        assertThat(owner.awaitLine(READY)).isEqualTo("ready");
        String mountNs = link("/proc/" + pid(owner) + "/ns/mnt");
        assertThat(mountNs).as("precondition: a private mount namespace").isNotEqualTo(ownMountNs);
        String netId = "net:[" + inode(Path.of("/proc/" + pid(owner) + "/root" + file)) + "]";
        assertThat(Files.exists(file)).as("precondition: invisible on the host").isFalse();
        assertThat(HolderMounts.ownMountPoints()).as("precondition: not in the host's mount table")
                .doesNotContain(file.toString(), hiddenDir.toString());
        return new Hidden(netId, mountNs, file);
    }

    /**
     * user (host) > middle (no process: its only process exec'd into a child user namespace) > inner,
     * which owns a PID namespace whose init is sleep.
     */
    private Hierarchy hierarchy() throws Exception {
        Sandbox.Started outer = sandbox.start("unshare", "--user", "--map-root-user", "sh", "-c",
                "readlink /proc/self/ns/user; exec unshare --user --pid --fork sleep 300");
        String middle = outer.awaitLine(READY);
        String hostPid = link("/proc/self/ns/pid");
        int sleeper = -1;
        long deadline = System.nanoTime() + READY.toNanos();
        while (sleeper < 0 && System.nanoTime() < deadline) {
            for (ProcessHandle child : outer.process().children().collect(Collectors.toList())) {
                String pidNs = linkOrEmpty("/proc/" + child.pid() + "/ns/pid");
                if (!pidNs.isEmpty() && !pidNs.equals(hostPid)) {
                    sleeper = (int) child.pid();
                }
            }
            Thread.sleep(20);
        }
        assertThat(sleeper).as("the inner sleep started; stderr: %s", outer.stderr()).isPositive();
        String inner = link("/proc/" + pid(outer) + "/ns/user");
        assertThat(inner).as("precondition: the exec'd process left the middle user namespace").isNotEqualTo(middle);
        assertThat(link("/proc/" + sleeper + "/ns/user")).isEqualTo(inner);
        String innerPid = link("/proc/" + sleeper + "/ns/pid");
        return new Hierarchy(middle, inner, innerPid, sleeper);
    }

    /** Waits until the started process (unshare, before exec) is in a namespace of {@code type} other than ours. */
    private static String awaitNewNamespace(Sandbox.Started started, String type) throws Exception {
        String ours = link("/proc/self/ns/" + type);
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            String now = linkOrEmpty("/proc/" + pid(started) + "/ns/" + type);
            String comm = Files.exists(Path.of("/proc/" + pid(started) + "/comm"))
                    ? Files.readString(Path.of("/proc/" + pid(started) + "/comm")).trim() : "";
            if (!now.isEmpty() && !now.equals(ours) && !comm.equals("unshare")) {
                return now;
            }
            if (!started.process().isAlive()) {
                throw new AssertionError("exited " + started.process().exitValue() + ": " + started.stderr());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no new " + type + " namespace for " + pid(started));
    }

    /** The command pinned to the first CPU this process may use, where taskset exists. */
    private static String[] onOneCpu(String... command) throws IOException {
        if (!Commands.onPath("taskset")) {
            return command;
        }
        String cpus = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElse("Cpus_allowed_list: 0")
                .substring("Cpus_allowed_list:".length()).trim();
        String first = cpus.split("[,-]")[0];
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", first));
        pinned.addAll(List.of(command));
        return pinned.toArray(new String[0]);
    }

    private String script(String name, String text) throws IOException {
        if (scripts == null) {
            scripts = mounts.directory();
        }
        Path file = scripts.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, text);
        }
        return file.toString();
    }

    private static synchronized String python() throws Exception {
        if (pythonExecutable == null) {
            Workloads.require("python3");
            // The real interpreter, not a shim script: its PID and command line are what listns shows.
            pythonExecutable = ok("python3", "-c", "import sys; print(sys.executable)").stdout().trim();
        }
        return pythonExecutable;
    }

    private static int freeNsid() throws Exception {
        Set<Integer> used = new HashSet<>();
        for (String line : Commands.lines(ok("ip", "netns", "list-id").stdout())) {
            String[] words = line.trim().split("\\s+");
            if (words.length > 1 && words[0].equals("nsid")) {
                used.add(Integer.parseInt(words[1]));
            }
        }
        int nsid = 4242;
        while (used.contains(nsid)) {
            nsid++;
        }
        return nsid;
    }

    private static Set<String> lsns() throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        for (String line : Commands.lines(ok("lsns", "-r", "-n", "-o", "NS,TYPE").stdout())) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2) {
                ids.add(words[1] + ":[" + words[0] + "]");
            }
        }
        return ids;
    }

    // ================================================================ listns and JSON

    private static Sandbox.Cli listnsOk(String... args) {
        Sandbox.Cli run = Sandbox.listns(args);
        assertThat(run.exitCode()).as("listns %s exit code; stderr: %s", String.join(" ", args), run.err()).isZero();
        return run;
    }

    private static JsonNode scanJson() throws IOException {
        Sandbox.Cli run = listnsOk("-J");
        JsonNode doc = json(run.out());
        assertThat(doc.get("unavailable")).as("holder kinds listns could not look for").isEmpty();
        return doc;
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static List<JsonNode> namespaces(JsonNode doc) {
        return StreamSupport.stream(doc.get("namespaces").spliterator(), false).collect(Collectors.toList());
    }

    private static JsonNode namespace(JsonNode doc, String id) {
        for (JsonNode ns : doc.get("namespaces")) {
            if (id.equals(text(ns, "id"))) {
                return ns;
            }
        }
        throw new AssertionError(id + " is not reported; reported: "
                + namespaces(doc).stream().map(n -> text(n, "id")).filter(i -> !i.startsWith("ipc") && !i.startsWith("uts"))
                        .collect(Collectors.joining(" ")));
    }

    /** The one holder of namespace {@code id}, which has no member process or thread. */
    private static JsonNode soleHolder(JsonNode doc, String id) {
        JsonNode ns = namespace(doc, id);
        assertThat(ns.get("processes")).as("processes in %s", id).isEmpty();
        assertThat(ns.get("threads")).as("threads in %s", id).isEmpty();
        assertThat(holders(ns)).as("holders of %s", id).hasSize(1);
        return holders(ns).get(0);
    }

    private static List<JsonNode> holders(JsonNode ns) {
        return StreamSupport.stream(ns.get("holders").spliterator(), false).collect(Collectors.toList());
    }

    private static void assertFd(JsonNode holder, int pid, int fd) {
        assertThat(text(holder, "kind")).isEqualTo("fd");
        assertThat(holder.get("pid").asInt()).isEqualTo(pid);
        assertThat(holder.get("fd").asInt()).isEqualTo(fd);
        assertThat(text(holder, "description")).startsWith("fd " + fd + " of " + pid + " ");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    // ================================================================ small things

    private static Commands.Exec run(String... command) throws IOException, InterruptedException {
        return Commands.run(Duration.ofSeconds(20), command);
    }

    private static Commands.Exec ok(String... command) throws IOException, InterruptedException {
        Commands.Exec exec = run(command);
        assertThat(exec.exitCode()).as("%s: %s", String.join(" ", command), exec).isZero();
        return exec;
    }

    private static int pid(Sandbox.Started started) {
        return (int) started.process().pid();
    }

    private static void requireNative() {
        assumeTrue(Runtime.version().feature() >= NativeAccess.REQUIRED_JAVA,
                "needs java.lang.foreign (Java " + NativeAccess.REQUIRED_JAVA + "+) for native namespace calls; this JVM is "
                        + Runtime.version());
        assumeTrue(NativeAccess.load().isPresent(), "native access could not be loaded on this JVM");
    }

    private static String link(String path) throws IOException {
        return Files.readSymbolicLink(Path.of(path)).toString();
    }

    private static String linkOrEmpty(String path) {
        try {
            return link(path);
        } catch (IOException e) {
            return "";
        }
    }

    private static long inode(Path path) throws IOException {
        return (Long) Files.getAttribute(path, "unix:ino");
    }

    private static long inodeOf(String id) {
        return Long.parseLong(id.substring(id.indexOf('[') + 1, id.length() - 1));
    }

    /** Link texts of the process's fds that name namespaces, or that stat as nsfs. */
    private static List<String> nsfsLinks(int pid) throws IOException {
        long nsfs = (Long) Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:dev");
        List<String> found = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.collect(Collectors.toList())) {
                try {
                    if ((Long) Files.getAttribute(fd, "unix:dev") == nsfs) {
                        found.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return found;
    }

    private static int[] numbers(String line) {
        return Arrays.stream(line.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    private static int indexOf(List<String> lines, Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
