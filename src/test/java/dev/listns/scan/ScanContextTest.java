package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.NativeException;
import dev.listns.testing.FakeProc;
import dev.listns.testing.NoNamespaceSyscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A namespace can be reached several ways (its members, the fds and sockets that hold it, its bind
 * mounts), and whichever was found first may be gone by the time a later discovery opens it: the
 * process that held it exited. Then the next way is tried.
 */
class ScanContextTest {
    private static final NamespaceId NET = new NamespaceId(NamespaceType.NET, 4026532700L);

    @TempDir
    Path tempDir;

    private ScanContext context;
    private final Opener sys = new Opener();

    @BeforeEach
    void setUp() {
        FakeProc proc = new FakeProc(tempDir);
        proc.hostRunningListns();
        proc.anchorNsfs();
        ProcFs procFs = new ProcFs(proc.root());
        ProcessTable processes = new ProcessWalker(procFs).walk();
        context = new ScanContext(procFs, processes, new BaselineFinder().find(procFs, processes),
                new NativeSupport(() -> Optional.of(sys)));
    }

    @Test
    void aWayThatIsGoneIsPassedOverForTheNextOne() throws Exception {
        context.reachableVia(NET, NamespaceAccess.ofDescriptor(400, 3));
        context.reachableVia(NET, NamespaceAccess.ofDescriptor(500, 7));
        sys.gone.add(400);

        assertThat(context.open(sys, NET)).isEqualTo(500 * 100 + 7);
        assertThat(sys.tried).containsExactly(400, 500);
    }

    @Test
    void whenEveryWayIsGoneTheLastReasonIsGiven() {
        context.reachableVia(NET, NamespaceAccess.ofDescriptor(400, 3));
        context.reachableVia(NET, NamespaceAccess.ofDescriptor(500, 7));
        sys.gone.add(400);
        sys.gone.add(500);

        assertThatThrownBy(() -> context.open(sys, NET)).isInstanceOfSatisfying(NativeException.class,
                e -> assertThat(e.errno()).isEqualTo(NativeException.ESRCH));
    }

    @Test
    void onlyAFewWaysAreKeptForANamespaceOfThousands() {
        for (int pid = 400; pid < 410; pid++) {
            context.reachableVia(NET, NamespaceAccess.ofDescriptor(pid, 3));
            sys.gone.add(pid);
        }

        assertThatThrownBy(() -> context.open(sys, NET)).isInstanceOf(NativeException.class);
        assertThat(sys.tried).hasSizeBetween(2, 8).startsWith(400, 401);
    }

    /** pidfd_getfd answers a descriptor numbered after the process and fd, or ESRCH for a process gone. */
    private final class Opener extends NoNamespaceSyscalls {
        final List<Integer> gone = new ArrayList<>();
        final List<Integer> tried = new ArrayList<>();

        @Override
        public int duplicateFrom(int pid, int targetFd) throws NativeException {
            tried.add(pid);
            if (gone.contains(pid)) {
                throw new NativeException("pidfd_open", NativeException.ESRCH);
            }
            return pid * 100 + targetFd;
        }

        @Override
        public FileStatus status(int fd) {
            return new FileStatus(context.nsfsDevice().orElseThrow(), NET.inode(), 0100444);
        }

        @Override
        public void close(int fd) {
            // nothing is open
        }

        @Override
        public long inode(int fd) {
            return NET.inode();
        }

    }
}
