package dev.listns.scan;

import dev.listns.debug.DebugLog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.MountSyscalls;
import dev.listns.nativeaccess.NativeException;
import dev.listns.testing.FakeProc;
import dev.listns.testing.NoNamespaceSyscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How other mount namespaces' tables are read on kernels old and new, with fake system calls: listmount
 * where the kernel has it, a thread that enters the namespace where it does not, the choice made once
 * per scan, and what a namespace that cannot be read leaves behind.
 */
class KernelMountTablesTest {
    private static final long JAIL_MNT = 4026532400L;
    private static final long OTHER_JAIL_MNT = 4026532410L;
    private static final long HIDDEN_NET = 4026533010L;
    private static final int MNT_NS_FD = 100;
    private static final int PATH_FD = 200;

    @TempDir
    Path tempDir;

    private FakeProc proc;
    private long nsfsDevice;
    private final FakeNamespaces namespaces = new FakeNamespaces();
    private final FakeMounts mounts = new FakeMounts();

    @BeforeEach
    void setUp() throws Exception {
        proc = new FakeProc(tempDir);
        proc.hostRunningListns().mountinfo("22 1 0:21 / /proc rw - proc proc rw");
        proc.anchorNsfs();
        proc.process(400).comm("jailed").initialNamespaces().ns("mnt", JAIL_MNT).root("/srv/jail");
        nsfsDevice = FakeProc.nsfsDevice();
    }

    private ScanResult scan(boolean enterOnly) {
        return new ProcFsScanner(proc.root(), proc.netnsDirs(), () -> Optional.of(namespaces), Optional::empty, true,
                () -> new KernelMountTables(() -> Optional.of(mounts), enterOnly), Optional::empty, DebugLog.OFF).scan();
    }

    private static NamespaceId net(long inode) {
        return new NamespaceId(NamespaceType.NET, inode);
    }

    @Test
    void listmountReadsTheTableFromOutsideAndOnlyOpeningWhatItBindsEntersTheNamespace() {
        mounts.listmountTable = List.of(statmount(61, "proc", "/", "/proc"),
                statmount(62, "nsfs", "net:[" + HIDDEN_NET + "]", "/hidden"));
        mounts.pathFds = new int[] {PATH_FD};
        namespaces.statuses.put(PATH_FD, new FileStatus(nsfsDevice, HIDDEN_NET, 0100444));

        ScanResult result = scan(false);

        assertThat(result.find(net(HIDDEN_NET)).orElseThrow().holders())
                .containsExactly(new Holders.BindMount("/hidden", new NamespaceId(NamespaceType.MNT, JAIL_MNT), true, 62));
        assertThat(mounts.entered).as("entered only to open the bind mount").containsExactly(List.of("/hidden"));
        assertThat(mounts.tablesReadInside).isZero();
        assertThat(result.notes()).contains("mount tables of other mount namespaces: listmount(2) and statmount(2)");
        assertThat(namespaces.closed).as("the O_PATH descriptor is let go at the end").contains(PATH_FD);
    }

    @Test
    void withoutListmountATableIsReadByAThreadInsideAndTheKernelIsAskedOnlyOnce() {
        proc.process(410).comm("jailed2").initialNamespaces().ns("mnt", OTHER_JAIL_MNT).root("/srv/jail2");
        mounts.namespaceIdError = NativeException.ENOTTY; // NS_GET_MNTNS_ID is Linux 6.11
        mounts.mountinfo = "62 50 0:4 net:[" + HIDDEN_NET + "] /hidden rw - nsfs nsfs rw\n";

        ScanResult result = scan(false);

        assertThat(result.find(net(HIDDEN_NET)).orElseThrow().holders()).hasSize(2);
        assertThat(mounts.namespaceIdCalls).as("probed once per scan").isEqualTo(1);
        assertThat(mounts.tablesReadInside).isEqualTo(2);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                .startsWith("mount tables of other mount namespaces: read by a thread inside each (listmount:"));
    }

    @Test
    void aSeccompFilterThatRefusesListmountFallsBackToEntering() {
        mounts.listmountError = NativeException.EPERM;
        mounts.mountinfo = "62 50 0:4 net:[" + HIDDEN_NET + "] /hidden rw - nsfs nsfs rw\n";

        ScanResult result = scan(false);

        assertThat(result.find(net(HIDDEN_NET))).isPresent();
        assertThat(mounts.tablesReadInside).isEqualTo(1);
    }

    @Test
    void theTestSwitchTakesTheWayOfOldKernelsOnANewOne() {
        mounts.listmountTable = List.of(statmount(62, "nsfs", "net:[" + HIDDEN_NET + "]", "/hidden"));
        mounts.mountinfo = "62 50 0:4 net:[" + HIDDEN_NET + "] /hidden rw - nsfs nsfs rw\n";

        ScanResult result = scan(true);

        assertThat(mounts.namespaceIdCalls).isZero();
        assertThat(mounts.tablesReadInside).isEqualTo(1);
        assertThat(result.notes()).contains("mount tables of other mount namespaces: read by a thread inside each"
                + " (listmount not tried)");
    }

    @Test
    void aThreadThatDoesNotComeBackLeavesTheNamespaceUnreadAndTheScanWhole() {
        mounts.namespaceIdError = NativeException.ENOTTY;
        mounts.enterError = 110; // ETIMEDOUT: a FUSE mount inside never answered

        ScanResult result = scan(false);

        assertThat(result.find(new NamespaceId(NamespaceType.MNT, JAIL_MNT))).isPresent();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                .startsWith("could not read the mount table of mnt:[" + JAIL_MNT + "]"));
    }

    @Test
    void aBindMountWhosePathNowLeadsElsewhereIsReportedButNotReached() {
        mounts.listmountTable = List.of(statmount(62, "nsfs", "net:[" + HIDDEN_NET + "]", "/hidden"));
        mounts.pathFds = new int[] {PATH_FD};
        // Another user swapped a regular file in at the mount point after the table was read.
        namespaces.statuses.put(PATH_FD, new FileStatus(nsfsDevice + 1, HIDDEN_NET, 0100644));

        ScanResult result = scan(false);

        assertThat(result.find(net(HIDDEN_NET)).orElseThrow().holders()).hasSize(1);
        assertThat(namespaces.reopened).as("never opened for real").doesNotContain(PATH_FD);
        assertThat(namespaces.closed).contains(PATH_FD);
    }

    /** A struct statmount as the kernel lays it out (see StatmountRecord), little- or big-endian as this machine. */
    static byte[] statmount(int mountIdOld, String type, String root, String point) {
        byte[] strings = ("\0" + type + "\0" + root + "\0" + point + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(StatmountRecord.FIXED_SIZE + strings.length).order(ByteOrder.nativeOrder());
        record.putInt(StatmountRecord.SIZE, record.capacity());
        record.putLong(StatmountRecord.MASK, StatmountRecord.REQUIRED);
        record.putInt(StatmountRecord.FS_TYPE, 1);
        record.putInt(StatmountRecord.MNT_ROOT, 2 + type.length());
        record.putInt(StatmountRecord.MNT_POINT, 3 + type.length() + root.length());
        record.putInt(StatmountRecord.MNT_ID_OLD, mountIdOld);
        record.put(StatmountRecord.FIXED_SIZE, strings);
        return record.array();
    }

    private final class FakeMounts implements MountSyscalls {
        List<byte[]> listmountTable = List.of();
        String mountinfo = "";
        int[] pathFds = new int[0];
        int namespaceIdError;
        int listmountError;
        int enterError;
        int namespaceIdCalls;
        int tablesReadInside;
        final List<List<String>> entered = new ArrayList<>();

        @Override
        public long mountNamespaceId(int mntNsFd) throws NativeException {
            namespaceIdCalls++;
            if (namespaceIdError != 0) {
                throw new NativeException("ioctl(NS_GET_MNTNS_ID)", namespaceIdError);
            }
            return 77;
        }

        @Override
        public long[] listMounts(long mntNsId, int limit) throws NativeException {
            if (listmountError != 0) {
                throw new NativeException("listmount", listmountError);
            }
            long[] ids = new long[listmountTable.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = 1000 + i;
            }
            return ids;
        }

        @Override
        public byte[] statMount(long mntNsId, long mountId) {
            return listmountTable.get((int) (mountId - 1000));
        }

        @Override
        public Entered enter(int mntNsFd, int limit, List<String> paths, Duration timeout) throws NativeException {
            if (enterError != 0) {
                throw new NativeException("enter mount namespace", enterError);
            }
            if (limit > 0) {
                tablesReadInside++;
            }
            if (!paths.isEmpty()) {
                entered.add(paths);
            }
            int[] fds = new int[paths.size()];
            Arrays.fill(fds, -1);
            System.arraycopy(pathFds, 0, fds, 0, Math.min(pathFds.length, fds.length));
            return new Entered(limit > 0 ? mountinfo.getBytes(StandardCharsets.UTF_8) : new byte[0], fds);
        }

        @Override
        public void close(int fd) {
            namespaces.closed.add(fd);
        }
    }

    /** Opens every path as the mount namespace's descriptor; answers fstat from a table. */
    private final class FakeNamespaces extends NoNamespaceSyscalls {
        final Map<Integer, FileStatus> statuses = new HashMap<>();
        final List<Integer> closed = new ArrayList<>();
        final List<Integer> reopened = new ArrayList<>();

        @Override
        public int openVerified(String path, long device, long inode) {
            statuses.put(MNT_NS_FD, new FileStatus(device, inode, 0100444));
            return MNT_NS_FD;
        }

        @Override
        public int reopen(int pathFd) {
            reopened.add(pathFd);
            return pathFd;
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

    }
}
