package dev.listns.scan;

import dev.listns.debug.DebugLog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.KernelNamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;
import dev.listns.testing.FakeProc;
import dev.listns.testing.NoNamespaceSyscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kernel answers about namespaces themselves, with fake system calls: ids (NS_GET_ID), the
 * list of every mount namespace (NS_MNT_GET_NEXT), listns(2) and opening by id; each probed once,
 * each falling back to what listns did before, and namespaces nothing explains reported as held by
 * the kernel.
 */
class KernelNamespacesTest {
    private static final long OWN_MNT = FakeProc.initial("mnt");
    private static final long JAIL_NET = 4026532300L;
    private static final long HIDDEN_MNT = 4026532600L;
    private static final long DEEPER_MNT = 4026532700L;
    private static final long HIDDEN_NET = 4026533010L;
    /** The fake kernel's id of a namespace: its inode minus this (ids are small, and never reused). */
    private static final long ID_BASE = 4026531000L;

    @TempDir
    Path tempDir;

    private FakeProc proc;
    private long nsfsDevice;
    private final FakeNamespaces namespaces = new FakeNamespaces();
    private final FakeKernel kernel = new FakeKernel();
    private final FakeTables tables = new FakeTables();

    @BeforeEach
    void setUp() throws Exception {
        proc = new FakeProc(tempDir);
        proc.hostRunningListns().mountinfo("22 1 0:21 / /proc rw - proc proc rw");
        proc.process(400).comm("jailed").initialNamespaces().ns("net", JAIL_NET).root("/");
        proc.anchorNsfs();
        nsfsDevice = FakeProc.nsfsDevice();
        kernel.mountNamespaces.add(OWN_MNT);
    }

    private ScanResult scan() {
        return new ProcFsScanner(proc.root(), proc.netnsDirs(), () -> Optional.of(namespaces), Optional::empty, true,
                () -> tables, () -> Optional.of(kernel), DebugLog.OFF).scan();
    }

    private static Namespace find(ScanResult result, NamespaceType type, long inode) {
        return result.find(new NamespaceId(type, inode)).orElseThrow();
    }

    // ------------------------------------------------------------------ NS_GET_ID

    @Test
    void everyNamespaceListnsCanOpenGetsItsKernelIdWithOneIoctlEach() {
        ScanResult result = scan();

        assertThat(result.namespaces()).isNotEmpty().allSatisfy(ns ->
                assertThat(ns.nsId()).as("%s", ns.id()).hasValue(ns.id().inode() - ID_BASE));
        assertThat(kernel.idCalls).as("one NS_GET_ID per namespace").isEqualTo(result.namespaces().size());
        assertThat(result.notes()).contains("namespace ids: NS_GET_ID");
    }

    @Test
    void aKernelWithoutIdsIsAskedOnceAndNoIdIsShown() {
        kernel.idError = NativeException.ENOTTY; // NS_GET_ID is Linux 6.18
        kernel.mountIdError = NativeException.ENOTTY; // NS_GET_MNTNS_ID is Linux 6.11

        ScanResult result = scan();

        assertThat(result.namespaces()).allSatisfy(ns -> assertThat(ns.nsId()).isEmpty());
        assertThat(kernel.idCalls).as("probed once per scan").isEqualTo(1);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("namespace ids: not on this kernel"));
    }

    @Test
    void from611To617OnlyMountNamespacesHaveIdsFromTheirOwnIoctlAskedOncePerNamespace() {
        kernel.idError = NativeException.ENOTTY;

        ScanResult result = scan();

        assertThat(result.namespaces()).anySatisfy(ns -> assertThat(ns.id().type()).isEqualTo(NamespaceType.MNT));
        assertThat(result.namespaces()).allSatisfy(ns -> {
            if (ns.id().type() == NamespaceType.MNT) {
                assertThat(ns.nsId()).as("%s", ns.id()).hasValue(ns.id().inode() - ID_BASE);
            } else {
                assertThat(ns.nsId()).as("%s", ns.id()).isEmpty();
            }
        });
        assertThat(kernel.idCalls).as("NS_GET_ID probed once").isEqualTo(1);
        assertThat(kernel.mountIdCalls).isEqualTo(
                result.namespaces().stream().filter(ns -> ns.id().type() == NamespaceType.MNT).count());
        assertThat(result.notes()).contains("mount namespace ids: NS_GET_MNTNS_ID");
    }

    @Test
    void withoutTheKernelCallsNothingIsAskedAndNothingIsSaid() {
        ScanResult result = new ProcFsScanner(proc.root(), proc.netnsDirs(), () -> Optional.of(namespaces),
                Optional::empty, true, () -> tables, Optional::empty, DebugLog.OFF).scan();

        assertThat(result.namespaces()).allSatisfy(ns -> assertThat(ns.nsId()).isEmpty());
        assertThat(result.notes()).noneSatisfy(note -> assertThat(note)
                .containsAnyOf("namespace ids", "every mount namespace", "listns(2)"));
        assertThat(result.unavailable().isEmpty()).isTrue();
    }

    @Test
    void onJava17TheOneLineOfWhatWasNotLookedForGrowsByNothing() {
        // No native calls at all, and no mount namespace whose table would need them.
        ScanResult result = new ProcFsScanner(proc.root(), proc.netnsDirs(), Optional::empty, Optional::empty, true,
                () -> tables, Optional::empty, DebugLog.OFF).scan();

        assertThat(result.unavailable().kinds()).doesNotContain(KernelMountTables.UNAVAILABLE);
    }

    // ------------------------------------------------------------------ NS_MNT_GET_NEXT

    @Test
    void aMountNamespaceOnlyTheKernelListsIsReadLikeTheOthersAndReportedAsHeldByTheKernel() {
        kernel.mountNamespaces.add(0, HIDDEN_MNT); // before listns's own: found walking backwards

        ScanResult result = scan();

        Namespace hidden = find(result, NamespaceType.MNT, HIDDEN_MNT);
        assertThat(hidden.holders()).containsExactly(new Holders.Kernel());
        assertThat(hidden.nsId()).as("reached through the kernel's descriptor").hasValue(HIDDEN_MNT - ID_BASE);
        assertThat(tables.read).contains(new NamespaceId(NamespaceType.MNT, HIDDEN_MNT));
        assertThat(result.notes()).contains("every mount namespace: NS_MNT_GET_NEXT listed 2, 1 of them found no other way");
        assertThat(namespaces.closed).as("the kernel's descriptor is let go at the end").containsAll(kernel.given);
    }

    @Test
    void aMountNamespaceBoundInOneOnlyTheKernelListsHasThatBindMountAsHolder() {
        kernel.mountNamespaces.add(HIDDEN_MNT);
        kernel.mountNamespaces.add(DEEPER_MNT);
        tables.tables.put(HIDDEN_MNT, List.of(new MountInfo.Mount(80, "mnt:[" + DEEPER_MNT + "]", "/keep/mnt", "nsfs")));

        ScanResult result = scan();

        assertThat(find(result, NamespaceType.MNT, HIDDEN_MNT).holders()).containsExactly(new Holders.Kernel());
        assertThat(find(result, NamespaceType.MNT, DEEPER_MNT).holders()).containsExactly(
                new Holders.BindMount("/keep/mnt", new NamespaceId(NamespaceType.MNT, HIDDEN_MNT), true, 80));
        assertThat(result.notes()).contains("every mount namespace: NS_MNT_GET_NEXT listed 3, 2 of them found no other way");
    }

    @Test
    void aCallerRefusedTheListFindsMountNamespacesAsBeforeAndIsNotWarned() {
        kernel.mountNamespaces.add(HIDDEN_MNT);
        kernel.mountError = NativeException.EPERM; // an unprivileged caller

        ScanResult result = scan();

        assertThat(result.find(new NamespaceId(NamespaceType.MNT, HIDDEN_MNT))).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(kernel.mountCalls).as("asked once").isEqualTo(1);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("every mount namespace: not permitted"));
    }

    @Test
    void aKernelWithoutTheListIsAskedOnce() {
        kernel.mountNamespaces.add(HIDDEN_MNT);
        kernel.mountError = NativeException.ENOTTY; // NS_MNT_GET_NEXT is Linux 6.12

        ScanResult result = scan();

        assertThat(result.find(new NamespaceId(NamespaceType.MNT, HIDDEN_MNT))).isEmpty();
        assertThat(kernel.mountCalls).isEqualTo(1);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("every mount namespace: not on this kernel"));
    }

    // ------------------------------------------------------------------ listns(2)

    @Test
    void whenListnsListsOnlyWhatWasFoundAllIsExplainedAndNothingIsOpenedById() {
        kernel.listAll = true;

        ScanResult result = scan();

        assertThat(kernel.openedById).isEmpty();
        assertThat(result.notes()).contains("listns(2): the kernel listed " + result.namespaces().size()
                + " namespaces; all explained by holders listns found");
        assertThat(result.namespaces()).noneSatisfy(ns -> assertThat(ns.holders()).contains(new Holders.Kernel()));
    }

    @Test
    void anIdNoDiscoveryExplainsIsOpenedByHandleAndReportedAsHeldByTheKernel() {
        kernel.listAll = true;
        kernel.hidden(HIDDEN_NET - ID_BASE, NamespaceType.NET, HIDDEN_NET);

        ScanResult result = scan();

        Namespace hidden = find(result, NamespaceType.NET, HIDDEN_NET);
        assertThat(hidden.holders()).containsExactly(new Holders.Kernel());
        assertThat(hidden.nsId()).hasValue(HIDDEN_NET - ID_BASE);
        assertThat(kernel.openedById).containsExactly(HIDDEN_NET - ID_BASE);
        assertThat(result.notes()).contains("listns(2): the kernel listed " + result.namespaces().size()
                + " namespaces; 1 not explained by any holder listns found (shown as held by the kernel)");
    }

    @Test
    void idsAreListedPageByPageAndOnesGoneMeanwhileAreNotReported() {
        kernel.listAll = true;
        for (int i = 0; i < UnexplainedNamespaces.PAGE + 10; i++) {
            kernel.listed.add(900_000L + i); // listed, then gone before they could be opened: ESTALE
        }

        ScanResult result = scan();

        assertThat(kernel.listCalls).isGreaterThan(1);
        assertThat(kernel.openedById).hasSize(UnexplainedNamespaces.PAGE + 10);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                .startsWith("listns(2): the kernel listed " + (result.namespaces().size() + UnexplainedNamespaces.PAGE + 10)
                        + " namespaces; all explained"));
    }

    @Test
    void withoutListnsNothingChangesAndNothingIsSaidAboutIt() {
        kernel.hidden(HIDDEN_NET - ID_BASE, NamespaceType.NET, HIDDEN_NET);
        kernel.listError = NativeException.ENOSYS; // listns(2) is Linux 6.19

        ScanResult result = scan();

        assertThat(result.find(new NamespaceId(NamespaceType.NET, HIDDEN_NET))).isEmpty();
        assertThat(kernel.listCalls).isEqualTo(1);
        assertThat(result.notes()).noneSatisfy(note -> assertThat(note).contains("listns(2)"));
    }

    @Test
    void anIdTheCallerMayNotOpenIsCountedNotReported() {
        kernel.listAll = true;
        kernel.listed.add(777_777L);
        kernel.openError = NativeException.EPERM;

        ScanResult result = scan();

        assertThat(result.warnings()).isEmpty();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).endsWith("; 1 could not be opened by id"));
    }

    // ------------------------------------------------------------------ fakes

    /** Descriptors are numbers handed out in order; each remembers the file it stands for. */
    private final class FakeNamespaces extends NoNamespaceSyscalls {
        final Map<Integer, FileStatus> statuses = new HashMap<>();
        final Map<Long, Integer> types = new HashMap<>();
        final List<Integer> closed = new ArrayList<>();
        int nextFd = 100;

        int give(long inode) {
            int fd = nextFd++;
            statuses.put(fd, new FileStatus(nsfsDevice, inode, 0100444));
            return fd;
        }

        @Override
        public int openVerified(String path, long device, long inode) {
            return give(inode);
        }

        @Override
        public int reopen(int pathFd) throws NativeException {
            return give(status(pathFd).inode());
        }

        @Override
        public FileStatus status(int fd) throws NativeException {
            FileStatus status = statuses.get(fd);
            if (status == null) {
                throw new NativeException("statx", NativeException.EBADF);
            }
            return status;
        }

        @Override
        public void close(int fd) {
            closed.add(fd);
        }

        @Override
        public int namespaceType(int nsFd) throws NativeException {
            Integer type = types.get(status(nsFd).inode());
            if (type == null) {
                throw new NativeException("ioctl(NS_GET_NSTYPE)", NativeException.ENOSYS);
            }
            return type;
        }

        @Override
        public int parent(int nsFd) throws NativeException {
            throw new NativeException("ioctl", NativeException.EPERM);
        }

        @Override
        public int owningUserNamespace(int nsFd) throws NativeException {
            throw new NativeException("ioctl", NativeException.EPERM);
        }

        @Override
        public int ownerUid(int userNsFd) throws NativeException {
            throw new NativeException("ioctl", NativeException.EPERM);
        }

    }

    /** A kernel whose ids are inodes minus {@link #ID_BASE}, with a list of mount namespaces and of all ids. */
    private final class FakeKernel implements KernelNamespaceSyscalls {
        final List<Long> mountNamespaces = new ArrayList<>();
        /** Ids listns(2) lists besides, with {@link #listAll}, those of every namespace the scan opened. */
        final List<Long> listed = new ArrayList<>();
        final Map<Long, long[]> byId = new HashMap<>();
        final List<Integer> given = new ArrayList<>();
        final List<Long> openedById = new ArrayList<>();
        final List<Long> askedIds = new ArrayList<>();
        boolean listAll;
        int idError;
        int mountIdError;
        int mountIdCalls;
        int mountError;
        int listError;
        int openError;
        int idCalls;
        int mountCalls;
        int listCalls;

        /** An id listns(2) lists that opens, by handle, as {@code type} with {@code inode}. */
        void hidden(long id, NamespaceType type, long inode) {
            listed.add(id);
            byId.put(id, new long[] {inode, type.cloneFlag()});
        }

        @Override
        public long mountNamespaceId(int mntNsFd) throws NativeException {
            synchronized (askedIds) {
                mountIdCalls++;
            }
            if (mountIdError != 0) {
                throw new NativeException("ioctl(NS_GET_MNTNS_ID)", mountIdError);
            }
            return namespaces.status(mntNsFd).inode() - ID_BASE;
        }

        @Override
        public long namespaceId(int nsFd) throws NativeException {
            idCalls++;
            if (idError != 0) {
                throw new NativeException("ioctl(NS_GET_ID)", idError);
            }
            long id = namespaces.status(nsFd).inode() - ID_BASE;
            synchronized (askedIds) {
                askedIds.add(id);
            }
            return id;
        }

        @Override
        public int nextMountNamespace(int mntNsFd, boolean previous) throws NativeException {
            mountCalls++;
            if (mountError != 0) {
                throw new NativeException("ioctl(NS_MNT_GET_NEXT)", mountError);
            }
            int at = mountNamespaces.indexOf(namespaces.status(mntNsFd).inode()) + (previous ? -1 : 1);
            if (at < 0 || at >= mountNamespaces.size()) {
                throw new NativeException("ioctl(NS_MNT_GET_NEXT)", NativeException.ENOENT);
            }
            int fd = namespaces.give(mountNamespaces.get(at));
            given.add(fd);
            return fd;
        }

        @Override
        public int listNamespaces(long afterId, long[] ids) throws NativeException {
            listCalls++;
            if (listError != 0) {
                throw new NativeException("listns", listError);
            }
            List<Long> all = new ArrayList<>(listed);
            if (listAll) {
                all.addAll(askedIds);
            }
            List<Long> above = all.stream().distinct().sorted().filter(id -> id > afterId).toList();
            if (above.isEmpty()) {
                throw new NativeException("listns", NativeException.ENOENT);
            }
            int n = Math.min(ids.length, above.size());
            for (int i = 0; i < n; i++) {
                ids[i] = above.get(i);
            }
            return n;
        }

        @Override
        public int openById(long id, int type, long inode) throws NativeException {
            openedById.add(id);
            if (openError != 0) {
                throw new NativeException("open_by_handle_at", openError);
            }
            long[] found = byId.get(id);
            if (found == null) {
                throw new NativeException("open_by_handle_at", NativeException.ESTALE);
            }
            namespaces.types.put(found[0], (int) found[1]);
            return namespaces.give(found[0]);
        }

        @Override
        public void close(int fd) {
            namespaces.closed.add(fd);
        }
    }

    private static final class FakeTables implements ForeignMountTables {
        final Map<Long, List<MountInfo.Mount>> tables = new HashMap<>();
        final List<NamespaceId> read = new ArrayList<>();

        @Override
        public Optional<List<MountInfo.Mount>> nsfsMounts(ScanContext context, NamespaceId mountNs) {
            read.add(mountNs);
            return Optional.of(tables.getOrDefault(mountNs.inode(), List.of()));
        }

        @Override
        public Map<MountInfo.Mount, NamespaceAccess> reach(ScanContext context, NamespaceId mountNs,
                List<MountInfo.Mount> mounts) {
            return Map.of();
        }
    }

}
