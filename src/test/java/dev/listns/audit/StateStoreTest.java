package dev.listns.audit;

import static dev.listns.audit.Fixtures.bindMount;
import static dev.listns.audit.Fixtures.id;
import static dev.listns.audit.Fixtures.ns;
import static dev.listns.audit.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.model.NamespaceType;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // locks and mounts held for a block, unused inside it
class StateStoreTest {
    private static final AuditState STATE = state(ns(id(NamespaceType.NET, 4026532281L), bindMount("/run/netns/foo", 812)));

    @TempDir
    Path dir;

    @Test
    void noFileMeansFirstRun() throws Exception {
        StateStore store = new StateStore(dir.resolve("state"));
        store.checkLocation();
        assertThat(store.read()).isEmpty();
    }

    @Test
    void writesAtomicallyWithOwnerOnlyPermissionsAndReadsBack() throws Exception {
        Path file = dir.resolve("state");
        new StateStore(file).write(STATE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new StateStore(file).read()).contains(STATE);
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void anUnchangedStateIsNotRewritten() throws Exception {
        Path file = dir.resolve("state");
        new StateStore(file).write(STATE);
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, old);
        StateStore store = new StateStore(file);
        store.read();
        store.write(STATE);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Path file = Files.createDirectory(dir.resolve("state"));
        assertThatThrownBy(() -> new StateStore(file).checkLocation())
                .hasMessage("cannot use state file " + file + ": is a directory");
        assertThatThrownBy(() -> new StateStore(file).read())
                .hasMessage("cannot use state file " + file + ": is a directory");
    }

    @Test
    void aMissingDirectoryIsRefusedNotCreated() {
        Path file = dir.resolve("nowhere/state");
        assertThatThrownBy(() -> new StateStore(file).checkLocation())
                .hasMessage("cannot use state file " + file + ": directory " + dir.resolve("nowhere") + " does not exist");
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void aFileAsDirectoryIsRefused() throws Exception {
        Files.writeString(dir.resolve("plain"), "x");
        Path file = dir.resolve("plain/state");
        assertThatThrownBy(() -> new StateStore(file).checkLocation())
                .hasMessage("cannot use state file " + file + ": directory " + dir.resolve("plain") + " is not a directory");
    }

    @Test
    void aSymlinkIsRefused() throws Exception {
        Path target = dir.resolve("real");
        new StateStore(target).write(STATE);
        Path link = Files.createSymbolicLink(dir.resolve("state"), target);
        assertThatThrownBy(() -> new StateStore(link).checkLocation())
                .hasMessage("cannot use state file " + link + ": is a symbolic link; give the real path");
    }

    @Test
    void somethingOtherThanAFileIsRefused() throws Exception {
        Path fifo = dir.resolve("state");
        assumeThat(Sys.run("mkfifo", fifo.toString()).code()).as("mkfifo").isZero();
        // Reading a FIFO would block the cron job forever.
        assertThatThrownBy(() -> new StateStore(fifo).read())
                .hasMessage("cannot use state file " + fifo + ": is not a regular file");
    }

    @Test
    void anUnreadableFileIsRefusedEvenForRoot() throws Exception {
        Path file = dir.resolve("state");
        new StateStore(file).write(STATE);
        try (AutoCloseable unreadable = Sys.unreadable(file)) {
            assertThatThrownBy(() -> new StateStore(file).read()).isInstanceOf(AuditException.class)
                    .hasMessage("cannot read state file " + file + ": permission denied");
        }
        assertThat(new StateStore(file).read()).contains(STATE);
    }

    @Test
    void aHeldLockIsRefusedAndTheLockFileStays() throws Exception {
        Path file = dir.resolve("state");
        Path lockFile = dir.resolve("state.lock");
        StateStore store = new StateStore(file);
        try (StateStore.Lock lock = store.lock()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile))).isEqualTo("rw-------");
            assertThatThrownBy(() -> new StateStore(file).lock())
                    .hasMessage("another listns audit is running on " + file + " (" + lockFile + " is locked)");
        }
        try (StateStore.Lock again = store.lock()) {
            assertThat(lockFile).exists();
        }
    }

    @Test
    void aLockHeldThroughAnotherChannelIsRefused() throws Exception {
        Path file = dir.resolve("state");
        try (FileChannel other = FileChannel.open(dir.resolve("state.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = other.lock()) {
            assertThatThrownBy(() -> new StateStore(file).lock()).hasMessageStartingWith("another listns audit is running");
        }
    }

    @Test
    void refusedFilesAreLeftAlone() throws Exception {
        Path file = dir.resolve("state");
        Files.writeString(file, "listns-audit-state 1\nboot b\nns garbage\n");
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, old);
        assertThatThrownBy(() -> new StateStore(file).read()).hasMessageContaining("is corrupt at line 3");
        assertThat(Files.readString(file)).isEqualTo("listns-audit-state 1\nboot b\nns garbage\n");
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    }
}
