package dev.listns.scan;

import dev.listns.debug.DebugLog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.testing.FakeProc;
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
 * The round-by-round reading of mount tables, on a fake /proc with a fake reader of the tables of
 * mount namespaces that no unchrooted process is in: which tables are read from /proc, which through
 * the reader, and that a mount namespace found in one round has its table read in the next.
 */
class BindMountDiscoveryTest {
    private static final long OWN_MNT = FakeProc.initial("mnt");
    private static final long CHROOTED_MNT = 4026532400L;
    private static final long UNROOTED_MNT = 4026532500L;
    private static final long HIDDEN_MNT = 4026532600L;
    private static final long DEEPER_MNT = 4026532700L;

    @TempDir
    Path tempDir;

    private FakeProc proc;
    private final FakeTables tables = new FakeTables();

    @BeforeEach
    void setUp() {
        proc = new FakeProc(tempDir);
        proc.hostRunningListns().mountinfo("22 1 0:21 / /proc rw,nosuid - proc proc rw",
                "45 30 0:4 net:[4026533001] /run/netns/blue rw - nsfs nsfs rw");
    }

    private ScanResult scan() {
        return new ProcFsScanner(proc.root(), proc.netnsDirs(), Optional::empty, Optional::empty, true, () -> tables,
                Optional::empty, DebugLog.OFF).scan();
    }

    private static List<Holder> holders(ScanResult result, NamespaceType type, long inode) {
        return result.find(new NamespaceId(type, inode)).orElseThrow().holders();
    }

    @Test
    void ownTableComesFromProcAndItsMountsArePathsOfListnsOwnNamespace() {
        ScanResult result = scan();

        assertThat(holders(result, NamespaceType.NET, 4026533001L))
                .containsExactly(new Holders.BindMount("/run/netns/blue", new NamespaceId(NamespaceType.MNT, OWN_MNT), false, 45));
        assertThat(tables.read).as("no foreign table to read").isEmpty();
    }

    @Test
    void anUnchrootedMembersTableComesFromItsMountinfoAndWhatItBindsIsReachedThroughTheReader() {
        proc.process(400).comm("sh").initialNamespaces().ns("mnt", UNROOTED_MNT).root("/")
                .mountinfo("60 50 0:4 net:[4026533002] /srv/hidden rw - nsfs nsfs rw");

        ScanResult result = scan();

        assertThat(holders(result, NamespaceType.NET, 4026533002L)).containsExactly(
                new Holders.BindMount("/srv/hidden", new NamespaceId(NamespaceType.MNT, UNROOTED_MNT), true, 60));
        assertThat(tables.read).as("read from /proc, not through the reader").isEmpty();
        assertThat(tables.reached).containsExactly(new NamespaceId(NamespaceType.MNT, UNROOTED_MNT));
    }

    @Test
    void aMountNamespaceWhoseMembersAreAllChrootedIsReadThroughTheReader() {
        proc.process(400).comm("jailed").initialNamespaces().ns("mnt", CHROOTED_MNT).root("/srv/jail")
                .mountinfo("70 50 0:4 net:[4026533099] /only-inside-the-jail rw - nsfs nsfs rw");
        tables.table(CHROOTED_MNT, new MountInfo.Mount(71, "net:[4026533003]", "/outside/the/jail", "nsfs"));

        ScanResult result = scan();

        assertThat(tables.read).containsExactly(new NamespaceId(NamespaceType.MNT, CHROOTED_MNT));
        assertThat(holders(result, NamespaceType.NET, 4026533003L)).containsExactly(
                new Holders.BindMount("/outside/the/jail", new NamespaceId(NamespaceType.MNT, CHROOTED_MNT), true, 71));
        assertThat(result.find(new NamespaceId(NamespaceType.NET, 4026533099L))).as("a chrooted view is not trusted").isEmpty();
    }

    @Test
    void mountNamespacesFoundInATableHaveTheirTablesReadInTheNextRound() {
        proc.process(400).comm("jailed").initialNamespaces().ns("mnt", CHROOTED_MNT).root("/srv/jail");
        MountInfo.Mount hidden = new MountInfo.Mount(80, "mnt:[" + HIDDEN_MNT + "]", "/keep/mnt", "nsfs");
        MountInfo.Mount deeper = new MountInfo.Mount(90, "mnt:[" + DEEPER_MNT + "]", "/deeper", "nsfs");
        tables.table(CHROOTED_MNT, hidden);
        tables.table(HIDDEN_MNT, deeper, new MountInfo.Mount(91, "net:[4026533004]", "/net", "nsfs"));
        tables.table(DEEPER_MNT, new MountInfo.Mount(95, "uts:[4026533005]", "/uts", "nsfs"));
        tables.reachable(hidden, deeper);

        ScanResult result = scan();

        assertThat(tables.read).containsExactly(new NamespaceId(NamespaceType.MNT, CHROOTED_MNT),
                new NamespaceId(NamespaceType.MNT, HIDDEN_MNT), new NamespaceId(NamespaceType.MNT, DEEPER_MNT));
        assertThat(holders(result, NamespaceType.NET, 4026533004L)).containsExactly(
                new Holders.BindMount("/net", new NamespaceId(NamespaceType.MNT, HIDDEN_MNT), true, 91));
        assertThat(holders(result, NamespaceType.UTS, 4026533005L)).containsExactly(
                new Holders.BindMount("/uts", new NamespaceId(NamespaceType.MNT, DEEPER_MNT), true, 95));
    }

    @Test
    void aMountNamespaceNothingLeadsToIsReportedButItsTableIsNotRead() {
        proc.process(400).comm("jailed").initialNamespaces().ns("mnt", CHROOTED_MNT).root("/srv/jail");
        MountInfo.Mount hidden = new MountInfo.Mount(80, "mnt:[" + HIDDEN_MNT + "]", "/keep/mnt", "nsfs");
        tables.table(CHROOTED_MNT, hidden);
        tables.table(HIDDEN_MNT, new MountInfo.Mount(91, "net:[4026533004]", "/net", "nsfs"));

        ScanResult result = scan();

        assertThat(holders(result, NamespaceType.MNT, HIDDEN_MNT)).hasSize(1);
        assertThat(tables.read).containsExactly(new NamespaceId(NamespaceType.MNT, CHROOTED_MNT));
        assertThat(result.find(new NamespaceId(NamespaceType.NET, 4026533004L))).isEmpty();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                .contains("could not read the mount table of mnt:[" + HIDDEN_MNT + "]"));
    }

    @Test
    void aTableTheReaderCannotReadLeavesTheRestOfTheScanAlone() {
        proc.process(400).comm("jailed").initialNamespaces().ns("mnt", CHROOTED_MNT).root("/srv/jail");

        ScanResult result = scan();

        assertThat(tables.read).containsExactly(new NamespaceId(NamespaceType.MNT, CHROOTED_MNT));
        assertThat(holders(result, NamespaceType.NET, 4026533001L)).hasSize(1);
    }

    /** Tables by namespace inode; mounts it can reach get a made-up path to reach them by. */
    private static final class FakeTables implements ForeignMountTables {
        final Map<Long, List<MountInfo.Mount>> tables = new HashMap<>();
        final List<MountInfo.Mount> reachable = new ArrayList<>();
        final List<NamespaceId> read = new ArrayList<>();
        final List<NamespaceId> reached = new ArrayList<>();

        void table(long mountNs, MountInfo.Mount... mounts) {
            tables.put(mountNs, List.of(mounts));
        }

        void reachable(MountInfo.Mount... mounts) {
            reachable.addAll(List.of(mounts));
        }

        @Override
        public Optional<List<MountInfo.Mount>> nsfsMounts(ScanContext context, NamespaceId mountNs) {
            read.add(mountNs);
            return Optional.ofNullable(tables.get(mountNs.inode()));
        }

        @Override
        public Map<MountInfo.Mount, NamespaceAccess> reach(ScanContext context, NamespaceId mountNs,
                List<MountInfo.Mount> mounts) {
            reached.add(mountNs);
            Map<MountInfo.Mount, NamespaceAccess> found = new HashMap<>();
            for (MountInfo.Mount mount : mounts) {
                if (reachable.contains(mount)) {
                    found.put(mount, NamespaceAccess.ofPath(Path.of("/made-up", mount.mountPoint())));
                }
            }
            return found;
        }
    }
}
