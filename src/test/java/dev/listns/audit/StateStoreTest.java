package dev.listns.audit;

import static dev.listns.audit.Fixtures.bindMount;
import static dev.listns.audit.Fixtures.id;
import static dev.listns.audit.Fixtures.ns;
import static dev.listns.audit.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.listns.testing.Unreadable;
import dev.listns.testing.Commands;
import dev.listns.model.NamespaceType;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

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
        assumeThat(Commands.run("mkfifo", fifo.toString()).exitCode()).as("mkfifo").isZero();
        // Reading a FIFO would block the cron job forever.
        assertThatThrownBy(() -> new StateStore(fifo).read())
                .hasMessage("cannot use state file " + fifo + ": is not a regular file");
    }

    @Test
    void anUnreadableFileIsRefusedEvenForRoot() throws Exception {
        Path file = dir.resolve("state");
        new StateStore(file).write(STATE);
        try (AutoCloseable unreadable = Unreadable.make(file)) {
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

    // ---------------------------------------------------------------- what another user may plant

    @Test
    void aDanglingSymbolicLinkAtTheLockIsRefusedAndNothingIsCreatedWhereItPoints() throws Exception {
        Path nowhere = dir.resolve("created-by-root");
        Path lockFile = Files.createSymbolicLink(dir.resolve("state.lock"), nowhere);
        Path file = dir.resolve("state");
        assertThatThrownBy(() -> new StateStore(file).lock())
                .hasMessage("cannot use lock file " + lockFile + ": is a symbolic link; give the real path");
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void aSymbolicLinkAtTheLockToAnExistingFileIsRefused() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path lockFile = Files.createSymbolicLink(dir.resolve("state.lock"), victim);
        assertThatThrownBy(() -> new StateStore(dir.resolve("state")).lock())
                .hasMessage("cannot use lock file " + lockFile + ": is a symbolic link; give the real path");
        assertThat(victim).hasContent("precious");
    }

    @Test
    void aFifoAtTheLockIsRefusedWithoutBlocking() throws Exception {
        Path lockFile = dir.resolve("state.lock");
        assumeThat(Commands.run("mkfifo", lockFile.toString()).exitCode()).as("mkfifo").isZero();
        // Opening a FIFO for writing blocks until someone reads it: a cron job stuck for ever.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> new StateStore(dir.resolve("state")).lock())
                .hasMessage("cannot use lock file " + lockFile + ": is not a regular file"));
    }

    @Test
    void aHardLinkAtTheLockIsRefused() throws Exception {
        // With fs.protected_hardlinks=0 anyone can link a root file (/etc/shadow) here and have root open it for writing.
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path lockFile = Files.createLink(dir.resolve("state.lock"), victim);
        assertThatThrownBy(() -> new StateStore(dir.resolve("state")).lock())
                .hasMessage("cannot use lock file " + lockFile + ": has 2 hard links");
    }

    @Test
    void aHardLinkAtTheStateIsRefusedAndLeftAlone() throws Exception {
        Path elsewhere = dir.resolve("elsewhere");
        new StateStore(elsewhere).write(STATE);
        byte[] before = Files.readAllBytes(elsewhere);
        Path file = Files.createLink(dir.resolve("state"), elsewhere);
        assertThatThrownBy(() -> new StateStore(file).read()).hasMessage("cannot use state file " + file + ": has 2 hard links");
        assertThat(Files.readAllBytes(elsewhere)).isEqualTo(before);
    }

    @Test
    void aStateOthersMayWriteIsRefused() throws Exception {
        Path file = dir.resolve("state");
        new StateStore(file).write(STATE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> new StateStore(file).read())
                .hasMessage("cannot use state file " + file + ": is writable by group or others (mode 666)");
    }

    @Test
    void aDirectoryOthersMayWriteWithoutTheStickyBitIsRefusedBeforeAnythingIsCreated() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = open.resolve("state");
        assertThatThrownBy(() -> new StateStore(file).checkLocation()).hasMessage("cannot use state file " + file
                + ": directory " + open.toRealPath() + " is writable by group or others (mode 777) and not sticky");
        assertThatThrownBy(() -> new StateStore(file).lock()).hasMessageContaining("is writable by group or others");
        try (var entries = Files.list(open)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void aStickyDirectoryLikeTmpIsFine() throws Exception {
        Path sticky = Files.createDirectory(dir.resolve("sticky"));
        assertThat(Commands.run("chmod", "1777", sticky.toString()).exitCode()).isZero();
        Path file = sticky.resolve("state");
        StateStore store = new StateStore(file);
        store.checkLocation();
        try (StateStore.Lock lock = store.lock()) {
            assertThat(store.read()).isEmpty();
            store.write(STATE);
        }
        assertThat(new StateStore(file).read()).contains(STATE);
    }

    @Test
    void aDirectoryReachedThroughALinkIsUsedWhereItReallyIs() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        StateStore store = new StateStore(link.resolve("state"));
        store.checkLocation();
        try (StateStore.Lock lock = store.lock()) {
            store.write(STATE);
        }
        assertThat(real.resolve("state")).isRegularFile();
        assertThat(real.resolve("state.lock")).isRegularFile();
    }
}
