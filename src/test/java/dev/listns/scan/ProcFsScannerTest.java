package dev.listns.scan;

import static dev.listns.testing.FakeProc.initial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.HolderKind;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanRequest;
import dev.listns.model.ScanResult;
import dev.listns.model.StagedScanner;
import dev.listns.testing.FakeProc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProcFsScannerTest {
    private static final String HEX = "d4ff6e99ed56a1b2c3d4e5f60718293a4b5c6d7e8f9001122334455667788990";
    private static final String HEX2 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String POD_UID = "8a3c5f0e_1b2d_4c6e_9f0a_1b2c3d4e5f60";

    @TempDir
    Path tempDir;

    FakeProc proc;

    @BeforeEach
    void setUp() {
        proc = new FakeProc(tempDir);
    }

    /** A host with a plain init, kthreadd, and listns itself (pid 300) in the initial namespaces. */
    private void ordinaryHost() {
        proc.process(1).comm("systemd").ppid(0).cmdline("/sbin/init").initialNamespaces();
        kthreadd();
        proc.process(300).comm("java").cmdline("java", "-jar", "listns.jar").initialNamespaces();
        proc.self(300);
    }

    private void kthreadd() {
        proc.process(2).comm("kthreadd").ppid(0).initialNamespaces();
    }

    private static NamespaceId id(NamespaceType type, long inode) {
        return new NamespaceId(type, inode);
    }

    private static Set<NamespaceId> nonInitial(ScanResult result) {
        return result.namespaces().stream().filter(n -> !n.initial()).map(Namespace::id).collect(Collectors.toSet());
    }

    private static Namespace namespace(ScanResult result, NamespaceId id) {
        return result.find(id).orElseThrow(() -> new AssertionError("no namespace " + id + " in " + result.namespaces()));
    }

    private static Stream<Holder> allHolders(ScanResult result) {
        return result.namespaces().stream().flatMap(n -> n.holders().stream());
    }

    private static ProcessInfo info(ScanResult result, int pid) {
        return allHolders(result).filter(h -> h.kind() == HolderKind.PROCESS && h.memberPid().getAsInt() == pid)
                .findFirst().flatMap(Holder::process)
                .orElseThrow(() -> new AssertionError("process " + pid + " holds no namespace"));
    }

    private static Map<NamespaceType, NamespaceId> initialIds() {
        Map<NamespaceType, NamespaceId> ids = new EnumMap<>(NamespaceType.class);
        for (NamespaceType type : NamespaceType.values()) {
            ids.put(type, id(type, initial(type.label())));
        }
        return ids;
    }

    @Nested
    class Baseline {

        @Test
        void comesFromKthreaddWhenPid1LinksAreUnreadable() {
            // Some inits deny even root the readlink on /proc/1/ns/*: the links are simply absent.
            proc.process(1).comm("systemd").ppid(0).cmdline("/sbin/init");
            kthreadd();
            proc.process(100).comm("sshd").ppid(1).cmdline("sshd: /usr/sbin/sshd -D").initialNamespaces();
            proc.process(300).comm("java").initialNamespaces();
            proc.process(500).comm("nginx").ppid(1).initialNamespaces()
                    .ns("net", 4026532000L).ns("uts", 4026532001L).ns("ipc", 4026532002L)
                    .ns("mnt", 4026532003L).ns("pid", 4026532004L).ns("pid_for_children", 4026532004L);
            proc.self(300);

            ScanResult result = proc.scan();

            assertThat(result.baseline().source()).isEqualTo("pid 2 (kthreadd)");
            assertThat(result.baseline().namespaces()).isEqualTo(initialIds());
            assertThat(nonInitial(result)).containsExactlyInAnyOrder(
                    id(NamespaceType.NET, 4026532000L), id(NamespaceType.UTS, 4026532001L),
                    id(NamespaceType.IPC, 4026532002L), id(NamespaceType.MNT, 4026532003L),
                    id(NamespaceType.PID, 4026532004L));
            assertThat(result.namespaces()).filteredOn(Namespace::initial).extracting(Namespace::id)
                    .containsExactlyInAnyOrderElementsOf(initialIds().values());
            assertThat(result.warnings()).isEmpty();
            assertThat(result.partial()).isFalse();
        }

        @Test
        void fallsBackToPid1WhenThereIsNoKthreadd() {
            proc.process(1).comm("init").ppid(0).initialNamespaces();
            proc.process(300).comm("java").initialNamespaces();
            proc.process(400).comm("sleep").initialNamespaces().ns("net", 4026532100L);
            proc.self(300);

            ScanResult result = proc.scan();

            assertThat(result.baseline().source()).isEqualTo("pid 1 (init)");
            assertThat(result.baseline().namespaces()).isEqualTo(initialIds());
            assertThat(nonInitial(result)).containsExactly(id(NamespaceType.NET, 4026532100L));
        }

        @Test
        void ignoresAPid2ThatOnlyCallsItselfKthreadd() {
            // Inside a PID namespace, PID 2 is an ordinary process (ppid 1) and may name itself anything.
            proc.process(1).comm("init").ppid(0).initialNamespaces();
            proc.process(2).comm("kthreadd").ppid(1).initialNamespaces().ns("net", 4026532200L);
            proc.process(300).comm("java").initialNamespaces();
            proc.self(300);

            ScanResult result = proc.scan();

            assertThat(result.baseline().source()).isEqualTo("pid 1 (init)");
            assertThat(nonInitial(result)).containsExactly(id(NamespaceType.NET, 4026532200L));
        }

        @Test
        void takesEachTypeFromTheFirstCandidateThatHasIt() {
            // kthreadd has only two links readable; where it has one, it wins over PID 1's.
            proc.process(1).comm("systemd").ppid(0).initialNamespaces().ns("net", 4026532999L);
            proc.process(2).comm("kthreadd").ppid(0).ns("net", initial("net")).ns("mnt", initial("mnt"));
            proc.process(300).comm("java").initialNamespaces();
            proc.self(300);

            ScanResult result = proc.scan();

            assertThat(result.baseline().source().split(", "))
                    .containsExactlyInAnyOrder("pid 2 (kthreadd)", "pid 1 (systemd)");
            assertThat(result.baseline().namespaces()).isEqualTo(initialIds());
            assertThat(nonInitial(result)).containsExactly(id(NamespaceType.NET, 4026532999L));
        }

        @Test
        void fallsBackToListnsItselfWhenNeitherPid1NorPid2CanBeRead() {
            proc.process(1).comm("systemd").ppid(0);
            proc.process(300).comm("java").initialNamespaces();
            proc.process(500).comm("sleep").initialNamespaces().ns("uts", 4026532300L);
            proc.self(300);

            ScanResult result = proc.scan();

            assertThat(result.baseline().source()).isEqualTo("listns itself (pid 300)");
            assertThat(nonInitial(result)).containsExactly(id(NamespaceType.UTS, 4026532300L));
        }
    }

    @Nested
    class Members {

        private List<Integer> memberPids(ScanResult result, NamespaceId id) {
            return namespace(result, id).holders().stream().filter(h -> h.kind() == HolderKind.PROCESS)
                    .map(h -> h.memberPid().getAsInt()).toList();
        }

        @Test
        void eachNamespaceListsItsMembersInPidOrderWhereverTheirNeighboursAre() {
            ordinaryHost();
            proc.process(400).initialNamespaces();
            proc.process(401).initialNamespaces().ns("uts", 4026532401L);
            proc.process(402).initialNamespaces();
            proc.process(403).initialNamespaces().ns("uts", 4026532401L).ns("ipc", 4026532403L);
            proc.process(404).initialNamespaces().ns("pid_for_children", 4026532404L);
            proc.process(405).initialNamespaces().ns("uts", 4026532401L);

            ScanResult result = proc.scan();

            assertThat(memberPids(result, id(NamespaceType.UTS, initial("uts")))).containsExactly(1, 2, 300, 400, 402, 404);
            assertThat(memberPids(result, id(NamespaceType.UTS, 4026532401L))).containsExactly(401, 403, 405);
            assertThat(memberPids(result, id(NamespaceType.IPC, initial("ipc")))).containsExactly(1, 2, 300, 400, 401, 402, 404, 405);
            assertThat(memberPids(result, id(NamespaceType.IPC, 4026532403L))).containsExactly(403);
            assertThat(memberPids(result, id(NamespaceType.MNT, initial("mnt"))))
                    .containsExactly(1, 2, 300, 400, 401, 402, 403, 404, 405);
            assertThat(memberPids(result, id(NamespaceType.PID, initial("pid")))).contains(404);
            assertThat(namespace(result, id(NamespaceType.PID, 4026532404L)).holders())
                    .containsExactly(Holders.forChildren(info(result, 404)));
        }

        @Test
        void aProcessIsOwnedByWhoeverOwnsItsDirectoryAsLsnsReadsIt() throws Exception {
            ordinaryHost();
            proc.process(400).initialNamespaces().ns("uts", 4026532401L);
            int owner = ((Number) Files.getAttribute(proc.root().resolve("400"), "unix:uid")).intValue();

            ScanResult result = proc.scan(ScanRequest.EVERY_NAMESPACE.withUids());

            assertThat(info(result, 400).uid()).isEqualTo(owner).isNotEqualTo(ProcessInfo.UNKNOWN_UID);
            assertThat(info(proc.scan(ScanRequest.EVERY_NAMESPACE), 400).uid())
                    .as("not read for output that shows no UID").isEqualTo(ProcessInfo.UNKNOWN_UID);
        }
    }

    @Nested
    class ForChildren {

        @Test
        void pidForChildrenEqualToPidAddsNoHolder() {
            ordinaryHost();
            proc.process(500).comm("sh").initialNamespaces().ns("pid", 4026532400L).ns("pid_for_children", 4026532400L);

            ScanResult result = proc.scan();

            assertThat(namespace(result, id(NamespaceType.PID, 4026532400L)).holders())
                    .containsExactly(Holders.member(info(result, 500)));
            assertThat(allHolders(result)).noneMatch(h -> h.kind() == HolderKind.FOR_CHILDREN);
        }

        @Test
        void pidForChildrenThatDiffersIsAHolderOfANamespaceWithNoMembers() {
            // `unshare --pid` without --fork: the new PID namespace exists before any process is in it.
            ordinaryHost();
            proc.process(500).comm("unshare").initialNamespaces().ns("pid_for_children", 4026532401L);

            ScanResult result = proc.scan();

            Namespace pidNs = namespace(result, id(NamespaceType.PID, 4026532401L));
            assertThat(pidNs.initial()).isFalse();
            assertThat(pidNs.hasMembers()).isFalse();
            assertThat(pidNs.holders()).containsExactly(Holders.forChildren(info(result, 500)));
            assertThat(pidNs.holders().get(0).kind()).isEqualTo(HolderKind.FOR_CHILDREN);
            assertThat(pidNs.holders().get(0).memberPid()).isEmpty();
            assertThat(namespace(result, id(NamespaceType.PID, initial("pid"))).holders())
                    .noneMatch(h -> h.kind() == HolderKind.FOR_CHILDREN);
        }

        @Test
        void timeForChildrenThatDiffersIsAHolderToo() {
            ordinaryHost();
            proc.process(500).comm("unshare").initialNamespaces().ns("time_for_children", 4026532402L);

            ScanResult result = proc.scan();

            assertThat(namespace(result, id(NamespaceType.TIME, 4026532402L)).holders())
                    .extracting(Holder::kind).containsExactly(HolderKind.FOR_CHILDREN);
        }
    }

    @Nested
    class Threads {

        @Test
        void threadInAnotherNetworkNamespaceIsAThreadHolderWithItsTid() {
            ordinaryHost();
            FakeProc.Process p = proc.process(700).comm("vpnd").cmdline("/usr/sbin/vpnd").initialNamespaces();
            p.thread(701).ns("net", 4026532500L);
            p.thread(702);

            ScanResult result = proc.scan();

            Namespace net = namespace(result, id(NamespaceType.NET, 4026532500L));
            assertThat(net.initial()).isFalse();
            assertThat(net.holders()).containsExactly(Holders.thread(701, info(result, 700)));
            Holder thread = net.holders().get(0);
            assertThat(thread.kind()).isEqualTo(HolderKind.THREAD);
            assertThat(thread.memberPid()).hasValue(701);
            assertThat(thread.process()).map(ProcessInfo::pid).hasValue(700);
            assertThat(thread.details()).containsEntry("tid", 701);
            assertThat(allHolders(result)).noneMatch(h -> h.memberPid().orElse(-1) == 702);
        }

        @Test
        void aNamespaceOnlyAThreadsOwnDescriptorTableHoldsIsHeldByThatThread() {
            // A thread that called unshare(CLONE_FILES), then opened a namespace file: only its table has it.
            ordinaryHost();
            FakeProc.Process p = proc.process(740).comm("netmon").cmdline("/usr/bin/netmon").initialNamespaces()
                    .ns("uts", 4026532539L).fd(3, "net:[4026532540]");
            p.thread(741).fd(3, "net:[4026532540]").fd(4, "net:[4026532541]");
            p.thread(742).fd(3, "net:[4026532540]");

            ScanResult result = proc.scan();

            ProcessInfo netmon = info(result, 740);
            assertThat(namespace(result, id(NamespaceType.NET, 4026532541L)).holders())
                    .containsExactly(Holders.threadFd(741, 4, netmon));
            assertThat(namespace(result, id(NamespaceType.NET, 4026532540L)).holders())
                    .as("a descriptor the process's own table has too is the process's").containsExactly(Holders.fd(3, netmon));
        }

        @Test
        void aPidNamespaceOnlyAThreadsChildrenWillBeInIsHeldByThatThread() {
            // A thread that called unshare(CLONE_NEWPID): only its own pid_for_children link names the namespace.
            ordinaryHost();
            FakeProc.Process p = proc.process(720).comm("spawner").cmdline("/usr/bin/spawner").initialNamespaces();
            p.thread(721).ns("pid_for_children", 4026532520L);
            p.thread(722);

            ScanResult result = proc.scan();

            Namespace pidNs = namespace(result, id(NamespaceType.PID, 4026532520L));
            assertThat(pidNs.initial()).isFalse();
            assertThat(pidNs.holders()).containsExactly(Holders.threadForChildren(721, info(result, 720)));
            Holder holder = pidNs.holders().get(0);
            assertThat(holder.kind()).isEqualTo(HolderKind.FOR_CHILDREN);
            assertThat(holder.memberPid()).isEmpty();
            assertThat(holder.details()).containsEntry("tid", 721);
            assertThat(holder.description()).isEqualTo("for children of thread 721 of 720 /usr/bin/spawner");
            assertThat(allHolders(result)).noneMatch(h -> h.kind() == HolderKind.THREAD);
        }

        @Test
        void aThreadThatSharesItsProcesssPidForChildrenAddsNoHolderOfItsOwn() {
            ordinaryHost();
            FakeProc.Process p = proc.process(730).comm("unshare").initialNamespaces().ns("pid_for_children", 4026532530L);
            p.thread(731);

            ScanResult result = proc.scan();

            assertThat(namespace(result, id(NamespaceType.PID, 4026532530L)).holders())
                    .containsExactly(Holders.forChildren(info(result, 730)));
        }

        @Test
        void aThreadInAnotherNamespaceWithAPidForChildrenOfItsOwnHoldsBoth() {
            ordinaryHost();
            FakeProc.Process p = proc.process(740).comm("agent").initialNamespaces();
            p.thread(741).ns("net", 4026532541L).ns("time_for_children", 4026532542L);

            ScanResult result = proc.scan();

            assertThat(namespace(result, id(NamespaceType.NET, 4026532541L)).holders())
                    .containsExactly(Holders.thread(741, info(result, 740)));
            assertThat(namespace(result, id(NamespaceType.TIME, 4026532542L)).holders())
                    .containsExactly(Holders.threadForChildren(741, info(result, 740)));
        }

        @Test
        void threadInTheSameNamespacesAsItsProcessIsNoHolder() {
            ordinaryHost();
            FakeProc.Process p = proc.process(710).comm("java").initialNamespaces().ns("net", 4026532510L);
            p.thread(711);
            p.thread(712);

            ScanResult result = proc.scan();

            assertThat(allHolders(result)).noneMatch(h -> h.kind() == HolderKind.THREAD);
            assertThat(namespace(result, id(NamespaceType.NET, 4026532510L)).holders())
                    .containsExactly(Holders.member(info(result, 710)));
        }
    }

    @Nested
    class VanishingProcesses {

        @Test
        void processesThatExitMidScanAreSkippedWithoutError() {
            ordinaryHost();
            proc.process(800).comm("gone-ns").initialNamespaces().ns("net", 4026532600L).withoutNsDir();
            proc.process(801).comm("gone-stat").initialNamespaces().ns("net", 4026532601L).withoutStat();
            proc.emptyPidDir(802);
            proc.process(803).comm("alive").initialNamespaces().ns("net", 4026532603L);

            ScanResult result = proc.scan();

            assertThat(nonInitial(result)).containsExactly(id(NamespaceType.NET, 4026532603L));
            assertThat(allHolders(result)).flatExtracting(h -> h.process().map(ProcessInfo::pid).stream().toList())
                    .doesNotContain(800, 801, 802).contains(803);
            assertThat(result.warnings()).isEmpty();
            assertThat(result.partial()).isFalse();
        }
    }

    @Nested
    class NamedNetns {

        @Test
        void stalePlainFileInTheNetnsDirectoryIsNoNamespace() {
            ordinaryHost();
            proc.anchorNsfs();
            proc.staleNetns("blue");

            ScanResult result = proc.scan();

            assertThat(result.namespaces()).filteredOn(n -> n.type() == NamespaceType.NET)
                    .extracting(Namespace::id).containsExactly(id(NamespaceType.NET, initial("net")));
            assertThat(result.namespaces()).allSatisfy(n -> assertThat(n.names()).isEmpty());
            assertThat(allHolders(result)).noneMatch(h -> h.kind() == HolderKind.BIND_MOUNT);
            assertThat(result.warnings()).isEmpty();
        }

        @Test
        void stalePlainFileIsNoNamespaceEvenWithoutKnowingTheNsfsDevice() {
            ordinaryHost();
            proc.staleNetns("blue");

            ScanResult result = proc.scan();

            assertThat(result.namespaces()).filteredOn(n -> n.type() == NamespaceType.NET).hasSize(1);
            assertThat(allHolders(result)).noneMatch(h -> h.kind() == HolderKind.BIND_MOUNT);
            assertThat(result.warnings()).isEmpty();
        }

        /**
     * The control for the stale-file tests: the same tree with a real nsfs file is seen. (Whether the bind
     * mount itself shows up as a holder depends on how bind mounts are found, not on the netns directory.)
     */
        @Test
        void nsfsFileInTheNetnsDirectoryIsANamedNamespace() {
            long real = FakeProc.realNetInode();
            long hostNet = 4026539999L;
            assumeThat(real).as("the JVM's netns differs from the fake host's").isNotEqualTo(hostNet);
            proc.process(1).comm("systemd").ppid(0).initialNamespaces().ns("net", hostNet);
            proc.process(300).comm("java").initialNamespaces().ns("net", hostNet);
            proc.process(600).comm("dnsmasq").initialNamespaces().ns("net", real);
            proc.self(300).anchorNsfs();
            proc.staleNetns("stale");
            long named = proc.namedNetns("blue");

            ScanResult result = proc.scan();

            Namespace blue = namespace(result, id(NamespaceType.NET, named));
            assertThat(blue.initial()).isFalse();
            assertThat(blue.names()).containsExactly("blue");
            assertThat(blue.holders()).contains(Holders.member(info(result, 600)));
            assertThat(result.namespaces()).flatExtracting(Namespace::names).containsExactly("blue");
        }
    }

    @Nested
    class CommandLines {

        @Test
        void hostileCommandLinesSurviveIntoTheModelUnchanged() {
            ordinaryHost();
            String megabyte = "x".repeat(1 << 20);
            proc.process(900).initialNamespaces().cmdline("\u001b]0;pwned\u0007", "--title");
            proc.process(901).initialNamespaces().cmdline("evil", "line1\nline2");
            proc.process(902).initialNamespaces().cmdline(new byte[] {'a', (byte) 0xff, 'b', (byte) 0xc3, '(', 0});
            proc.process(903).initialNamespaces().cmdline(megabyte);
            proc.process(904).initialNamespaces().cmdline("a", "", "b c", "\u202e\u00e9\ud83d\ude00");
            proc.process(905).comm("kworker/0:1").initialNamespaces();

            ScanResult result = proc.scan();

            assertThat(info(result, 900).command()).isEqualTo("\u001b]0;pwned\u0007 --title");
            assertThat(info(result, 901).command()).isEqualTo("evil line1\nline2");
            assertThat(info(result, 902).command()).isEqualTo("a\udcffb\udcc3(");
            assertThat(info(result, 903).command()).hasSize(1 << 20).isEqualTo(megabyte);
            assertThat(info(result, 904).command()).isEqualTo("a  b c \u202e\u00e9\ud83d\ude00");
            assertThat(info(result, 905).command()).isEqualTo("[kworker/0:1]");
        }

        @Test
        void aProcessOnlyInInitialNamespacesHasItsCommandLineReadAtTheEndOfTheScanOnlyIfAskedFor() {
            ordinaryHost();
            FakeProc.Process idle = proc.process(920).initialNamespaces().cmdline("/usr/bin/idle", "--before");
            FakeProc.Process boxed = proc.process(921).initialNamespaces().ns("uts", 4026532800L).cmdline("/bin/boxed", "--before");

            StagedScanner.Stage walked = proc.scanner().prepare();
            idle.cmdline("/usr/bin/idle", "--after");
            boxed.cmdline("/bin/boxed", "--after");
            ScanResult everything = walked.finish(ScanRequest.EVERY_NAMESPACE);

            assertThat(info(everything, 920).command()).as("read when the scan finished").isEqualTo("/usr/bin/idle --after");
            assertThat(info(everything, 921).command()).as("shown by default, so read in the walk").isEqualTo("/bin/boxed --before");
            ScanResult changedOnly = proc.scan(ScanRequest.CHANGED_NAMESPACES);
            assertThat(info(changedOnly, 920).commandRead()).as("no row shows it").isFalse();
            assertThat(info(changedOnly, 920).command()).isEmpty();
            assertThat(info(changedOnly, 921).command()).isEqualTo("/bin/boxed --after");
        }

        @Test
        void aProcessOnlyInInitialNamespacesThatHoldsAnotherHasItsCommandLineRead() {
            ordinaryHost();
            proc.process(922).comm("netd").cmdline("/usr/sbin/netd").initialNamespaces().thread(923).ns("net", 4026532900L);

            ScanResult result = proc.scan(ScanRequest.CHANGED_NAMESPACES);

            Namespace held = namespace(result, id(NamespaceType.NET, 4026532900L));
            assertThat(held.holders()).extracting(Holder::description).containsExactly("thread 923 of 922 /usr/sbin/netd");
        }

        @Test
        void aCommandLineReadLateIsNotTakenFromAnotherProcessThatReusedThePid() {
            ordinaryHost();
            FakeProc.Process gone = proc.process(930).comm("old").initialNamespaces().cmdline("/usr/bin/old");

            StagedScanner.Stage walked = proc.scanner().prepare();
            gone.startTime(9999).comm("new").cmdline("/usr/bin/new", "--secret");

            assertThat(info(walked.finish(ScanRequest.EVERY_NAMESPACE), 930).command()).isEqualTo("[old]");
        }

        @Test
        void aCommandLineReadLateOfAVanishedProcessIsItsCommandName() {
            ordinaryHost();
            FakeProc.Process gone = proc.process(931).comm("brief").initialNamespaces().cmdline("/usr/bin/brief");

            StagedScanner.Stage walked = proc.scanner().prepare();
            gone.vanish();

            assertThat(info(walked.finish(ScanRequest.EVERY_NAMESPACE), 931).command()).isEqualTo("[brief]");
        }

        @Test
        void commWithSpacesAndParenthesesIsReadWhole() {
            ordinaryHost();
            proc.process(910).comm("(a) b)").ppid(300).initialNamespaces();

            ProcessInfo p = info(proc.scan(), 910);

            assertThat(p.name()).isEqualTo("(a) b)");
            assertThat(p.ppid()).isEqualTo(300);
            assertThat(p.command()).isEqualTo("[(a) b)]");
        }
    }

    @Nested
    class Containers {

        static Stream<Arguments> cgroups() {
            String k8sSlice = "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + POD_UID + ".slice";
            return Stream.of(
                    Arguments.of("podman, cgroupfs manager", "0::/libpod_parent/libpod-" + HEX, "podman", HEX),
                    Arguments.of("podman, systemd manager",
                            "0::/machine.slice/libpod-" + HEX + ".scope/container", "podman", HEX),
                    Arguments.of("docker on systemd", "0::/system.slice/docker-" + HEX + ".scope", "docker", HEX),
                    Arguments.of("docker, cgroup v1 cgroupfs",
                            "12:pids:/docker/" + HEX + "\n11:memory:/docker/" + HEX + "\n0::/", "docker", HEX),
                    Arguments.of("kubernetes with containerd",
                            k8sSlice + "/cri-containerd-" + HEX + ".scope", "containerd", HEX),
                    Arguments.of("kubernetes with cri-o", k8sSlice + "/crio-" + HEX + ".scope", "cri-o", HEX),
                    Arguments.of("kubernetes, cgroupfs driver",
                            "0::/kubepods/burstable/pod8a3c5f0e-1b2d-4c6e-9f0a-1b2c3d4e5f60/" + HEX, "kubepods", HEX),
                    Arguments.of("kubernetes pod cgroup only", k8sSlice, "kubepods", "pod" + POD_UID),
                    Arguments.of("lxc", "0::/lxc.payload.web1", "lxc", "web1"),
                    Arguments.of("lxc, nested cgroup", "0::/lxc.payload.web1/system.slice/cron.service", "lxc", "web1"),
                    Arguments.of("lxc, legacy layout", "4:cpuset:/lxc/web1\n0::/lxc/web1", "lxc", "web1"),
                    Arguments.of("systemd-nspawn", "0::/machine.slice/machine-debian\\x2d12.scope/payload",
                            "nspawn", "debian-12"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cgroups")
        void containerIsRecognisedFromTheCgroup(String host, String cgroup, String engine, String containerId) {
            ordinaryHost();
            proc.process(500).ppid(1).initialNamespaces().ns("net", 4026532700L).cgroup(cgroup);

            Optional<Container> container = info(proc.scan(), 500).container();

            assertThat(container).hasValue(new Container(engine, containerId));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("noContainer")
        void processesOutsideContainersHaveNone(String host, String cgroup) {
            ordinaryHost();
            proc.process(500).ppid(1).initialNamespaces().cgroup(cgroup);

            assertThat(info(proc.scan(), 500).container()).isEmpty();
        }

        static Stream<Arguments> noContainer() {
            return Stream.of(
                    Arguments.of("user session", "0::/user.slice/user-1000.slice/session-3.scope"),
                    Arguments.of("system service", "0::/system.slice/sshd.service"),
                    Arguments.of("dockerd itself", "0::/system.slice/docker.service"),
                    Arguments.of("containerd itself", "0::/system.slice/containerd.service"),
                    Arguments.of("podman's conmon", "0::/machine.slice/libpod-conmon-" + HEX + ".scope"),
                    Arguments.of("short docker-like id", "0::/system.slice/docker-" + HEX.substring(0, 12) + ".scope"),
                    Arguments.of("root cgroup", "0::/"));
        }

        @Test
        void labelShowsTwelveHexDigits() {
            ordinaryHost();
            // Like every container, in a mount namespace of its own (listns reads no cgroup of a process wholly in the host's).
            proc.process(500).ppid(1).initialNamespaces().ns("mnt", 4026532500L).cgroup("0::/system.slice/docker-" + HEX + ".scope");

            ScanResult result = proc.scan();
            ProcessInfo p = info(result, 500);

            assertThat(p.container()).map(Container::label).hasValue("docker:" + HEX.substring(0, 12));
            assertThat(result.namespaces().stream().flatMap(ns -> ns.holders().stream())
                    .filter(h -> h.memberPid().equals(java.util.OptionalInt.of(500))).map(Holder::description))
                    .containsOnly("[docker:" + HEX.substring(0, 12) + "] [proc500]");
        }

        @Test
        void childrenOfConmonAreInThePodmanContainerItNames() {
            // With a private cgroup namespace the container's processes see only "0::/".
            ordinaryHost();
            proc.process(400).comm("conmon").ppid(1).initialNamespaces()
                    .cgroup("0::/machine.slice/libpod-conmon-" + HEX + ".scope")
                    .cmdline("/usr/bin/conmon", "--api-version", "1", "-c", HEX, "-u", HEX, "-r", "/usr/sbin/runc",
                            "-b", "/var/lib/containers/storage/overlay-containers/" + HEX + "/userdata",
                            "-n", "web", "--exit-dir", "/run/libpod/exits");
            proc.process(401).comm("sleep").ppid(400).initialNamespaces().ns("net", 4026532710L).cgroup("0::/");
            proc.process(402).comm("sh").ppid(401).initialNamespaces().ns("net", 4026532710L).cgroup("0::/");

            ScanResult result = proc.scan();

            assertThat(info(result, 401).container()).hasValue(new Container("podman", HEX));
            assertThat(info(result, 402).container()).hasValue(new Container("podman", HEX));
            assertThat(info(result, 400).container()).isEmpty();
        }

        @Test
        void childrenOfAMobyShimAreInADockerContainer() {
            ordinaryHost();
            proc.process(410).comm("containerd-shim").ppid(1).initialNamespaces()
                    .cmdline("/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", HEX,
                            "-address", "/run/containerd/containerd.sock");
            proc.process(411).comm("nginx").ppid(410).initialNamespaces().ns("net", 4026532720L).cgroup("0::/");

            ScanResult result = proc.scan();

            assertThat(info(result, 411).container()).hasValue(new Container("docker", HEX));
            assertThat(info(result, 410).container()).isEmpty();
        }

        /** containerd's shim for a Kubernetes pod, container HEX2, in the host's namespaces. */
        private void kubernetesShim(int pid) {
            proc.process(pid).comm("containerd-shim").ppid(1).initialNamespaces()
                    .cmdline("/usr/bin/containerd-shim-runc-v2", "-namespace", "k8s.io", "-id", HEX2,
                            "-address", "/run/containerd/containerd.sock");
        }

        @Test
        void childrenOfAShimInAnotherContainerdNamespaceAreContainerd() {
            ordinaryHost();
            kubernetesShim(420);
            proc.process(421).comm("pause").ppid(420).initialNamespaces().ns("mnt", 4026532421L).cgroup("0::/");

            assertThat(info(proc.scan(), 421).container()).hasValue(new Container("containerd", HEX2));
        }

        @Test
        void aChildOfAShimWhollyInTheHostsNamespacesIsInNoContainer() {
            ordinaryHost();
            kubernetesShim(420);
            proc.process(421).comm("runc").ppid(420).initialNamespaces();

            assertThat(info(proc.scan(), 421).container()).isEmpty();
        }

        @Test
        void aProcessWhollyInTheHostsNamespacesIsInNoContainer() {
            ordinaryHost();
            proc.process(510).ppid(1).initialNamespaces().cgroup("0::/system.slice/docker-" + HEX + ".scope");

            assertThat(info(proc.scan(), 510).container()).isEmpty();
        }

        @Test
        void cgroupWinsOverTheParentChain() {
            ordinaryHost();
            proc.process(410).comm("containerd-shim").ppid(1).initialNamespaces()
                    .cmdline("/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", HEX);
            proc.process(411).comm("nginx").ppid(410).initialNamespaces().ns("mnt", 4026532411L)
                    .cgroup("0::/system.slice/docker-" + HEX2 + ".scope");

            assertThat(info(proc.scan(), 411).container()).hasValue(new Container("docker", HEX2));
        }

        @Test
        void aParentCycleEndsWithoutAContainer() {
            ordinaryHost();
            proc.process(430).comm("a").ppid(431).initialNamespaces();
            proc.process(431).comm("b").ppid(430).initialNamespaces();

            ScanResult result = proc.scan();

            assertThat(info(result, 430).container()).isEmpty();
            assertThat(info(result, 431).container()).isEmpty();
        }
    }

    @Test
    void namespacesAreSortedByTypeThenInode() {
        ordinaryHost();
        proc.process(500).initialNamespaces().ns("uts", 4026532002L).ns("net", 4026532009L);
        proc.process(501).initialNamespaces().ns("net", 4026532001L).ns("cgroup", 4026532005L);

        List<NamespaceId> ids = proc.scan().namespaces().stream().map(Namespace::id).toList();

        assertThat(ids).isSorted().doesNotHaveDuplicates().contains(
                id(NamespaceType.NET, 4026532001L), id(NamespaceType.NET, 4026532009L),
                id(NamespaceType.UTS, 4026532002L), id(NamespaceType.CGROUP, 4026532005L));
        assertThat(ids.get(0).type()).isEqualTo(NamespaceType.CGROUP);
    }
}
