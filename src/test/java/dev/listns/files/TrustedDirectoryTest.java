package dev.listns.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;


import dev.listns.testing.Commands;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which directories root may write in: the attacker here is anyone who can write to a directory on the
 * way, and so swap what root checked for a link or a FIFO before root uses it.
 */
class TrustedDirectoryTest {
    @TempDir
    Path temp;

    private Path directory(String name, String mode) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        return dir;
    }

    @Test
    void aPrivateDirectoryIsTrustedAndAnsweredAsItsRealPath() throws Exception {
        Path dir = directory("private", "rwx------");
        assertThat(TrustedDirectory.resolve(dir)).isEqualTo(dir.toRealPath());
    }

    @Test
    void aStickyDirectoryWritableByAllIsTrustedLikeTmp() throws Exception {
        Path sticky = directory("sticky", "rwxrwxrwx");
        assertThat(Commands.run("chmod", "1777", sticky.toString()).exitCode()).as("chmod 1777: NIO cannot set the sticky bit").isZero();
        assertThat(TrustedDirectory.resolve(sticky)).isEqualTo(sticky.toRealPath());
    }

    @Test
    void aDirectoryOthersMayWriteWithoutTheStickyBitIsRefused() throws Exception {
        Path open = directory("open", "rwxrwxrwx");
        assertThatThrownBy(() -> TrustedDirectory.resolve(open)).isInstanceOf(FileSystemException.class)
                .hasMessage("directory " + open.toRealPath() + " is writable by group or others (mode 777) and not sticky");
    }

    @Test
    void aGroupWritableDirectoryIsRefused() throws Exception {
        Path group = directory("group", "rwxrwxr-x");
        assertThatThrownBy(() -> TrustedDirectory.resolve(group))
                .hasMessage("directory " + group.toRealPath() + " is writable by group or others (mode 775) and not sticky");
    }

    @Test
    void aDirectoryUnderOneOthersMayWriteIsRefusedToo() throws Exception {
        // Whoever can write to the parent can rename the private directory away and put their own in its place.
        Path open = directory("open", "rwxrwxrwx");
        Path inside = Files.createDirectory(open.resolve("private"));
        assertThatThrownBy(() -> TrustedDirectory.resolve(inside)).hasMessageContaining("directory " + open.toRealPath() + " is writable");
    }

    @Test
    void symbolicLinksAndDotsOnTheWayAreResolvedAndTheirTargetsChecked() throws Exception {
        Path real = directory("real", "rwx------");
        Files.createDirectory(real.resolve("sub"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        assertThat(TrustedDirectory.resolve(link.resolve("sub/.."))).isEqualTo(real.toRealPath());
        assertThat(TrustedDirectory.resolve(link.resolve("./sub"))).isEqualTo(real.toRealPath().resolve("sub"));

        Path open = directory("open", "rwxrwxrwx");
        Path intoOpen = Files.createSymbolicLink(temp.resolve("into-open"), open);
        assertThatThrownBy(() -> TrustedDirectory.resolve(intoOpen)).hasMessageContaining("is writable by group or others");
    }

    @Test
    void aLoopOfLinksIsRefused() throws Exception {
        Path a = temp.resolve("a");
        Files.createSymbolicLink(a, temp.resolve("b"));
        Files.createSymbolicLink(temp.resolve("b"), a);
        assertThatThrownBy(() -> TrustedDirectory.resolve(a)).hasMessageEndingWith("too many levels of symbolic links");
    }

    @Test
    void missingOrNotADirectory() throws Exception {
        assertThatThrownBy(() -> TrustedDirectory.resolve(temp.resolve("missing/deeper"))).isInstanceOf(NoSuchFileException.class);
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> TrustedDirectory.resolve(file)).hasMessage(file.toRealPath() + " is not a directory");
    }

    @Test
    void anotherUsersDirectoryOrLinkIsRefused() throws Exception {
        // Seen as a user who owns none of this: only root's and that user's are trusted.
        assumeThat(Commands.isRoot()).as("root's own files are always trusted").isFalse();
        int stranger = EffectiveUser.uid() + 1;
        Path dir = directory("theirs", "rwx------");
        assertThatThrownBy(() -> TrustedDirectory.resolve(dir, stranger))
                .hasMessageMatching("directory .* is owned by another user \\(uid " + EffectiveUser.uid() + "\\)");
        Path link = Files.createSymbolicLink(Path.of("/tmp").resolve("listns-test-" + ProcessHandle.current().pid()), Path.of("/"));
        try {
            assertThatThrownBy(() -> TrustedDirectory.resolve(link, stranger))
                    .hasMessage("symbolic link " + link + " is owned by another user (uid " + EffectiveUser.uid() + ")");
        } finally {
            Files.delete(link);
        }
    }
}
