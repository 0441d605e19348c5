package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NativeAccess;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How {@link OpenFiles} sorts descriptors, on a fake proc tree (no root needed), read both through the
 * JDK's file API and through native file calls. "nsfs" is the temporary directory's device here: a
 * descriptor that stats onto that device counts as a namespace file opened by path.
 */
class OpenFilesTest {
    private static final int[] SINGLE_THREADED = new int[0];

    @TempDir
    Path root;

    private Path openedByPath;
    private Optional<Long> nsfsDevice;
    private OpenFiles openFiles;

    @BeforeEach
    void fakeProc() throws IOException {
        openedByPath = Files.createFile(root.resolve("bound-namespace-file"));
        nsfsDevice = Optional.of((Long) Files.getAttribute(openedByPath, "unix:dev"));
        openFiles = new OpenFiles(nsfsDevice, FileTableSharing.UNKNOWN, true);
        Path fd = Files.createDirectories(root.resolve("100/fd"));
        link(fd, "3", "net:[4026532000]");
        link(fd, "4", "socket:[12345]");
        link(fd, "5", openedByPath.toString()); // a namespace file opened through a bind mount
        link(fd, "6", "/dev/null"); // a path on another device: an ordinary file
        link(fd, "7", "anon_inode:[eventpoll]");
        link(fd, "8", "pipe:[99]");
        link(fd, "9", "user:[4026531837]");
        link(fd, "10", root.resolve("gone").toString()); // a path that no longer resolves
        link(fd, "11", "net:[not-a-number]");
        link(fd, "12", "socket:[67890]");
        link(fd, "name", "net:[4026532001]"); // not a descriptor number
        Files.createDirectories(root.resolve("200/fd"));
        link(root.resolve("200/fd"), "0", "/dev/null");
        Files.createDirectories(root.resolve("300"));
    }

    @ParameterizedTest(name = "native file calls: {0}")
    @ValueSource(booleans = {false, true})
    void sortsNamespaceDescriptorsAndSocketsFromEverythingElse(boolean natively) throws IOException {
        OpenFiles.ProcessFiles files = read(natively, 100, SINGLE_THREADED);

        long inode = (Long) Files.getAttribute(openedByPath, "unix:ino");
        assertThat(files.namespaces()).containsExactly(
                new OpenFiles.NamespaceFd(0, 3, 4026532000L, Optional.of(new NamespaceId(NamespaceType.NET, 4026532000L))),
                new OpenFiles.NamespaceFd(0, 5, inode, Optional.empty()),
                new OpenFiles.NamespaceFd(0, 9, 4026531837L, Optional.of(new NamespaceId(NamespaceType.USER, 4026531837L))));
        assertThat(files.sockets()).containsExactly(4, 12);
    }

    /** Java 17 to 21 cannot ask a socket its namespace, so they do not tell sockets apart at all. */
    @ParameterizedTest(name = "native file calls: {0}")
    @ValueSource(booleans = {false, true})
    void withoutSocketsToldApartOnlyNamespaceDescriptorsAreFound(boolean natively) throws IOException {
        openFiles = new OpenFiles(nsfsDevice, FileTableSharing.UNKNOWN, false);
        Path own = Files.createDirectories(root.resolve("100/task/101/fd"));
        link(own, "4", "socket:[999]"); // another socket than the process's fd 4

        OpenFiles.ProcessFiles files = read(natively, 100, new int[] {100, 101});

        long inode = (Long) Files.getAttribute(openedByPath, "unix:ino");
        assertThat(files.namespaces()).containsExactly(
                new OpenFiles.NamespaceFd(0, 3, 4026532000L, Optional.of(new NamespaceId(NamespaceType.NET, 4026532000L))),
                new OpenFiles.NamespaceFd(0, 5, inode, Optional.empty()),
                new OpenFiles.NamespaceFd(0, 9, 4026531837L, Optional.of(new NamespaceId(NamespaceType.USER, 4026531837L))));
        assertThat(files.sockets()).isEmpty();
        assertThat(files.threadSockets()).isEmpty();
    }

    @ParameterizedTest(name = "native file calls: {0}")
    @ValueSource(booleans = {false, true})
    void processesWithoutSuchDescriptorsHaveNone(boolean natively) {
        assertThat(read(natively, 200, SINGLE_THREADED)).isEqualTo(OpenFiles.ProcessFiles.NONE);
        assertThat(read(natively, 300, SINGLE_THREADED)).isEqualTo(OpenFiles.ProcessFiles.NONE);
        assertThat(read(natively, 404, SINGLE_THREADED)).isEqualTo(OpenFiles.ProcessFiles.NONE);
    }

    @ParameterizedTest(name = "native file calls: {0}")
    @ValueSource(booleans = {false, true})
    void aThreadsPrivateTableCountsOnlyWhereItDiffers(boolean natively) throws IOException {
        Path shared = Files.createDirectories(root.resolve("200/task/201/fd"));
        link(shared, "0", "/dev/null");
        Path own = Files.createDirectories(root.resolve("200/task/202/fd"));
        link(own, "0", "/dev/null");
        link(own, "3", "net:[4026532500]");
        link(own, "4", "socket:[777]"); // reachable only through the thread (a pidfd of that thread)

        OpenFiles.ProcessFiles files = read(natively, 200, new int[] {200, 201, 202});

        assertThat(files.namespaces()).containsExactly(
                new OpenFiles.NamespaceFd(202, 3, 4026532500L, Optional.of(new NamespaceId(NamespaceType.NET, 4026532500L))));
        assertThat(files.sockets()).isEmpty();
        assertThat(files.threadSockets()).containsExactly(new OpenFiles.ThreadSocket(202, 4));
    }

    /** Each descriptor of a thread's table is compared with the one of the same number in the process's. */
    @ParameterizedTest(name = "native file calls: {0}")
    @ValueSource(booleans = {false, true})
    void aThreadsDescriptorCountsOnlyWhereItLeadsElsewhereThanTheProcesssOfTheSameNumber(boolean natively)
            throws IOException {
        Path own = Files.createDirectories(root.resolve("100/task/101/fd"));
        link(own, "3", "net:[4026532000]"); // the process's namespace, by text
        link(own, "4", "socket:[999]"); // the process's fd 4 is socket:[12345]
        link(own, "5", openedByPath.toString()); // the very file the process's fd 5 leads to
        link(own, "6", openedByPath.toString()); // the process's fd 6 is /dev/null
        link(own, "13", "user:[4026532013]"); // a number the process's table does not have

        OpenFiles.ProcessFiles files = read(natively, 100, new int[] {100, 101});

        long inode = (Long) Files.getAttribute(openedByPath, "unix:ino");
        assertThat(files.namespaces()).filteredOn(open -> open.tid() == 101).containsExactly(
                new OpenFiles.NamespaceFd(101, 6, inode, Optional.empty()),
                new OpenFiles.NamespaceFd(101, 13, 4026532013L, Optional.of(new NamespaceId(NamespaceType.USER, 4026532013L))));
        assertThat(files.threadSockets()).containsExactly(new OpenFiles.ThreadSocket(101, 4));
    }

    @ParameterizedTest(name = "native file calls: {0}")
    @ValueSource(booleans = {false, true})
    void aThreadKnownToShareTheProcesssTableIsNotReadAgain(boolean natively) throws IOException {
        Path shared = Files.createDirectories(root.resolve("200/task/201/fd"));
        link(shared, "3", "net:[4026532501]"); // what reading it would find: the kernel said it is the process's
        Path own = Files.createDirectories(root.resolve("200/task/202/fd"));
        link(own, "3", "net:[4026532502]");
        openFiles = new OpenFiles(nsfsDevice, (pid, tid) -> pid == 200 && tid == 201, true);

        OpenFiles.ProcessFiles files = read(natively, 200, new int[] {200, 201, 202});

        assertThat(files.namespaces()).extracting(OpenFiles.NamespaceFd::tid).containsExactly(202);
    }

    /**
     * Without kcmp, a process with many threads has their tables read on several threads at once, each
     * through its own handle on the process's directory; what they hold comes back in thread order.
     */
    @ParameterizedTest(name = "native file calls: {0}")
    @ValueSource(booleans = {false, true})
    void manyThreadsTablesAreReadAtOnceAndReportedInThreadOrder(boolean natively) throws IOException {
        int threads = 80; // five chunks of ParallelReads: more than one thread reads them
        int[] tids = new int[threads];
        List<OpenFiles.NamespaceFd> expected = new ArrayList<>();
        List<OpenFiles.ThreadSocket> expectedSockets = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int tid = 201 + i;
            tids[i] = tid;
            Path table = Files.createDirectories(root.resolve("200/task/" + tid + "/fd"));
            link(table, "0", "/dev/null"); // the process's own fd 0
            if (i % 7 == 3) {
                long inode = 4026533000L + i;
                link(table, "3", "net:[" + inode + "]");
                expected.add(new OpenFiles.NamespaceFd(tid, 3, inode, Optional.of(new NamespaceId(NamespaceType.NET, inode))));
            }
            if (i % 11 == 5) {
                link(table, "4", "socket:[" + (9000 + i) + "]");
                expectedSockets.add(new OpenFiles.ThreadSocket(tid, 4));
            }
        }

        OpenFiles.ProcessFiles files = read(natively, 200, tids);

        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(files.namespaces()).containsExactlyElementsOf(expected);
        assertThat(files.threadSockets()).containsExactlyElementsOf(expectedSockets);
        assertThat(files.sockets()).isEmpty();
    }

    @ParameterizedTest(name = "native file calls: {0}")
    @ValueSource(booleans = {false, true})
    void whatStatsAsASocketIsOneWhateverItsLinkSays(boolean natively) throws IOException {
        Path socketFile = root.resolve("bound.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketFile));
            link(Files.createDirectories(root.resolve("400/fd")), "5", socketFile.toString());

            assertThat(read(natively, 400, SINGLE_THREADED).sockets()).containsExactly(5);
        }
    }

    private OpenFiles.ProcessFiles read(boolean natively, int pid, int[] tids) {
        Optional<FileSyscalls> files = Optional.empty();
        if (natively) {
            files = NativeAccess.loadFiles();
            assumeThat(files).as("native file calls need Java " + NativeAccess.REQUIRED_JAVA + "+").isPresent();
        }
        try (ProcessDirectory dir = new ProcFs(root, files).process(pid)) {
            return openFiles.read(dir, pid, tids);
        }
    }

    private static void link(Path dir, String name, String target) throws IOException {
        Files.createSymbolicLink(dir.resolve(name), Path.of(target));
    }
}
