package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NativeAccess;
import dev.listns.testing.FakeProc;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel is asked only about PIDs that are the caller's own; nothing here needs root. */
class FileTableSharingTest {
    @TempDir
    Path tempDir;

    @Test
    void onTheLiveProcTheKernelTellsThisJvmsThreadsShareItsTable() {
        Optional<FileSyscalls> files = NativeAccess.loadFiles();
        assumeThat(files).as("native file calls need Java " + NativeAccess.REQUIRED_JAVA + "+").isPresent();
        ProcFs proc = new ProcFs(ProcFsScanner.HOST_PROC_ROOT, files);
        int pid = (int) ProcessHandle.current().pid();
        int otherThread = Arrays.stream(proc.numericEntries(Path.of("/proc/self/task")))
                .filter(tid -> tid != pid).findFirst().orElseThrow();

        FileTableSharing sharing = FileTableSharing.of(proc);

        assertThat(sharing.knownShared(pid, otherThread)).isTrue();
        assertThat(sharing.knownShared(pid, 1)).as("init has a table of its own").isFalse();
    }

    @Test
    void aFakeTreesPidsAreNotAskedAboutEvenWithNativeCalls() {
        FakeProc fake = new FakeProc(tempDir);
        fake.self((int) ProcessHandle.current().pid() + 1);

        assertThat(FileTableSharing.of(new ProcFs(fake.root(), NativeAccess.loadFiles()))).isSameAs(FileTableSharing.UNKNOWN);
        assertThat(FileTableSharing.of(new ProcFs(ProcFsScanner.HOST_PROC_ROOT, Optional.empty())))
                .as("without native calls").isSameAs(FileTableSharing.UNKNOWN);
    }
}
