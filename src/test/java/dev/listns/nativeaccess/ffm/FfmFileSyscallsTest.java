package dev.listns.nativeaccess.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NativeAccess;
import dev.listns.nativeaccess.NativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native file calls against real files and the real /proc; nothing here needs root. */
class FfmFileSyscallsTest {
    @TempDir
    Path dir;

    private static final int LIMIT = 1 << 20;
    private FileSyscalls sys;

    @BeforeEach
    void setUp() {
        assumeThat(NativeAccess.supported()).as("java.lang.foreign needs Java 22+").isTrue();
        sys = NativeAccess.loadFiles().orElseThrow();
    }

    @Test
    void readsAFileLongerThanOneBufferWhole() throws Exception {
        byte[] content = new byte[3 * 64 * 1024 + 17];
        Arrays.fill(content, (byte) 'x');
        content[content.length - 1] = '\n';
        Files.write(dir.resolve("long"), content);

        assertThat(sys.read(FileSyscalls.NO_DIRECTORY, dir.resolve("long").toString(), LIMIT)).isEqualTo(content);
        assertThat(sys.read(FileSyscalls.NO_DIRECTORY, "/proc/self/stat", LIMIT)).asString(StandardCharsets.US_ASCII)
                .startsWith(ProcessHandle.current().pid() + " (");
    }

    @Test
    void readsNoMoreThanTheLimitOfAFileThatNeverEnds() throws Exception {
        // /dev/zero stands for a file another user made endless: the read stops at the limit.
        assertThat(sys.read(FileSyscalls.NO_DIRECTORY, "/dev/zero", 100_000)).hasSize(100_000).containsOnly(0);
        assertThat(sys.read(FileSyscalls.NO_DIRECTORY, "/dev/zero", 64 * 1024)).hasSize(64 * 1024);
    }

    @Test
    void readsRelativeToAnOpenedDirectory() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/c"), "relative");
        int a = sys.openDirectory(FileSyscalls.NO_DIRECTORY, dir.resolve("a").toString());
        try {
            assertThat(new String(sys.read(a, "b/c", LIMIT), StandardCharsets.UTF_8)).isEqualTo("relative");
        } finally {
            sys.close(a);
        }
    }

    @Test
    void readsADanglingLinkAsItsText() throws Exception {
        Files.createSymbolicLink(dir.resolve("net"), Path.of("net:[4026532000]"));

        assertThat(sys.readLink(FileSyscalls.NO_DIRECTORY, dir.resolve("net").toString()))
                .isEqualTo("net:[4026532000]");
        assertThat(sys.readLink(FileSyscalls.NO_DIRECTORY, "/proc/self/ns/net"))
                .matches("net:\\[\\d+\\]");
    }

    @Test
    void tellsWhetherTwoTasksShareOneDescriptorTable() throws Exception {
        int pid = (int) ProcessHandle.current().pid();
        int otherThread = Arrays.stream(sys.numericEntries(FileSyscalls.NO_DIRECTORY, "/proc/self/task"))
                .filter(tid -> tid != pid).findFirst().orElseThrow();
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(sys.sameFileTable(pid, otherThread)).isTrue();
            assertThat(sys.sameFileTable(pid, (int) child.pid())).isFalse();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    @Test
    void listsOnlyNumberedEntriesInOrder() throws Exception {
        for (String name : new String[] {"12", "3", "100", "self", "1x", "0123456789", "007"}) {
            Files.createFile(dir.resolve(name));
        }

        assertThat(sys.numericEntries(FileSyscalls.NO_DIRECTORY, dir.toString())).containsExactly(3, 7, 12, 100);
        assertThat(sys.numericEntries(FileSyscalls.NO_DIRECTORY, "/proc/self/fd")).contains(0, 1, 2);
    }

    @Test
    void statsLikeTheJdkAndTellsSockets() throws Exception {
        Path file = Files.createFile(dir.resolve("plain"));
        FileStatus status = sys.stat(FileSyscalls.NO_DIRECTORY, file.toString());

        assertThat(status.device()).isEqualTo(Files.getAttribute(file, "unix:dev"));
        assertThat(status.inode()).isEqualTo(Files.getAttribute(file, "unix:ino"));
        assertThat(status.mode()).isEqualTo(Files.getAttribute(file, "unix:mode"));
        assertThat(status.isSocket()).isFalse();
        // The JVM's own nsfs file: following the link reaches the namespace's inode.
        FileStatus net = sys.stat(FileSyscalls.NO_DIRECTORY, "/proc/self/ns/net");
        assertThat(sys.readLink(FileSyscalls.NO_DIRECTORY, "/proc/self/ns/net"))
                .isEqualTo("net:[" + net.inode() + "]");
    }

    @Test
    void failuresCarryTheKernelsErrno() throws IOException {
        Files.createFile(dir.resolve("file"));

        assertErrno(() -> sys.read(FileSyscalls.NO_DIRECTORY, dir.resolve("missing").toString(), LIMIT), NativeException.ENOENT);
        assertErrno(() -> sys.readLink(FileSyscalls.NO_DIRECTORY, dir.resolve("file").toString()), NativeException.EINVAL);
        assertErrno(() -> sys.numericEntries(FileSyscalls.NO_DIRECTORY, dir.resolve("file").toString()), 20); // ENOTDIR
        assertErrno(() -> sys.stat(FileSyscalls.NO_DIRECTORY, dir + "/a\0b"), NativeException.EINVAL);
        assertErrno(() -> sys.read(-1, "relative", LIMIT), NativeException.EBADF);
    }

    @FunctionalInterface
    private interface Call {
        void run() throws NativeException;
    }

    private static void assertErrno(Call call, int errno) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(errno));
    }
}
