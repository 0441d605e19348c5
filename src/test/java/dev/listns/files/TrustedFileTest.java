package dev.listns.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;


import dev.listns.testing.Commands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an attacker can plant where root reads or locks a file, and that each is refused before it is opened. */
class TrustedFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String content, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aPrivateRegularFileOfOursIsReadAsItIs() throws Exception {
        Path file = file("rules", "type=net\n", "rw-------");
        PathStatus status = TrustedFile.check(file, TrustedFile.Use.OWN_DATA).orElseThrow();
        assertThat(TrustedFile.read(file, status, 1 << 20)).isEqualTo("type=net\n".getBytes(StandardCharsets.UTF_8));
        assertThat(TrustedFile.check(dir.resolve("missing"), TrustedFile.Use.OWN_DATA)).isEmpty();
    }

    @Test
    void aSymbolicLinkIsRefusedEvenToAFileOfOurs() throws Exception {
        Path target = file("real", "x", "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        for (TrustedFile.Use use : TrustedFile.Use.values()) {
            assertThatThrownBy(() -> TrustedFile.check(link, use)).hasMessage(link + ": is a symbolic link; give the real path");
            assertThatThrownBy(() -> TrustedFile.check(dangling, use)).hasMessage(dangling + ": is a symbolic link; give the real path");
        }
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("fifo");
        assumeThat(Commands.run("mkfifo", fifo.toString()).exitCode()).as("mkfifo").isZero();
        // Opening a FIFO with no writer blocks forever: the check must not open it.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (TrustedFile.Use use : TrustedFile.Use.values()) {
                assertThatThrownBy(() -> TrustedFile.check(fifo, use)).hasMessage(fifo + ": is not a regular file");
            }
        });
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThatThrownBy(() -> TrustedFile.check(sub, TrustedFile.Use.CONFIGURATION)).hasMessage(sub + ": is a directory");
    }

    @Test
    void aSecondHardLinkIsRefused() throws Exception {
        Path file = file("state", "x", "rw-------");
        Files.createLink(dir.resolve("elsewhere"), file);
        for (TrustedFile.Use use : TrustedFile.Use.values()) {
            assertThatThrownBy(() -> TrustedFile.check(file, use)).hasMessage(file + ": has 2 hard links");
        }
    }

    @Test
    void aFileOthersMayWriteIsRefusedUnlessItIsOnlyALock() throws Exception {
        Path file = file("state", "x", "rw-rw-rw-");
        assertThatThrownBy(() -> TrustedFile.check(file, TrustedFile.Use.OWN_DATA))
                .hasMessage(file + ": is writable by group or others (mode 666)");
        assertThatThrownBy(() -> TrustedFile.check(file, TrustedFile.Use.CONFIGURATION))
                .hasMessage(file + ": is writable by group or others (mode 666)");
        assertThat(TrustedFile.check(file, TrustedFile.Use.OWN_LOCK)).isPresent();
    }

    @Test
    void anotherUsersFileIsRefusedAndOnlyConfigurationMayBeRoots() throws Exception {
        assumeThat(Commands.isRoot()).as("root's own files are always trusted").isFalse();
        Path file = file("state", "x", "rw-------");
        int stranger = EffectiveUser.uid() + 1;
        for (TrustedFile.Use use : TrustedFile.Use.values()) {
            assertThatThrownBy(() -> TrustedFile.check(file, use, stranger))
                    .hasMessage(file + ": is owned by another user (uid " + EffectiveUser.uid() + ")");
        }
    }

    @Test
    void readingStopsAtTheLimit() throws Exception {
        Path file = file("big", "0123456789", "rw-------");
        PathStatus status = TrustedFile.check(file, TrustedFile.Use.CONFIGURATION).orElseThrow();
        assertThat(TrustedFile.read(file, status, 10)).hasSize(10);
        assertThatThrownBy(() -> TrustedFile.read(file, status, 9)).hasMessage(file + ": is larger than 9 bytes");
    }

    @Test
    void aFileReplacedAfterTheCheckIsNotRead() throws Exception {
        Path file = file("rules", "type=net\n", "rw-------");
        PathStatus checked = TrustedFile.check(file, TrustedFile.Use.CONFIGURATION).orElseThrow();
        Path other = file("other", "type=uts\n", "rw-------");
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> TrustedFile.read(file, checked, 1 << 20)).hasMessage(file + ": was replaced while being opened");
    }
}
