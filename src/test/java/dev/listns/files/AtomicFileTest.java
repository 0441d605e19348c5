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
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another user can plant where root writes a file with {@code -o} or the audit state: the rename
 * replaces the planted entry, and nothing is ever written through it.
 */
class AtomicFileTest {
    private static final byte[] CONTENT = "listns_scan_partial 0\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void writesWithTheModeAskedForAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("listns.prom");
        AtomicFile.write(target, CONTENT, "rw-r--r--");
        assertThat(target).hasBinaryContent(CONTENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
        assertThat(entries()).containsExactly("listns.prom");
    }

    @Test
    void aSymbolicLinkAtTheTargetIsReplacedNotWrittenThrough() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path target = Files.createSymbolicLink(dir.resolve("listns.prom"), victim);
        AtomicFile.write(target, CONTENT, "rw-r--r--");
        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(target).hasBinaryContent(CONTENT);
    }

    @Test
    void aDanglingSymbolicLinkAtTheTargetCreatesNothingWhereItPoints() throws Exception {
        Path nowhere = dir.resolve("created-by-root");
        Path target = Files.createSymbolicLink(dir.resolve("listns.prom"), nowhere);
        AtomicFile.write(target, CONTENT, "rw-r--r--");
        assertThat(nowhere).doesNotExist();
        assertThat(target).hasBinaryContent(CONTENT);
    }

    @Test
    void aHardLinkAtTheTargetIsReplacedAndTheOtherNameKeepsItsContent() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path target = Files.createLink(dir.resolve("listns.prom"), victim);
        AtomicFile.write(target, CONTENT, "rw-r--r--");
        assertThat(victim).hasContent("precious");
        assertThat(target).hasBinaryContent(CONTENT);
    }

    @Test
    void aFifoAtTheTargetIsReplacedWithoutBlocking() throws Exception {
        Path target = dir.resolve("listns.prom");
        assumeThat(Commands.run("mkfifo", target.toString()).exitCode()).as("mkfifo").isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> AtomicFile.write(target, CONTENT, "rw-r--r--"));
        assertThat(target).isRegularFile().hasBinaryContent(CONTENT);
    }

    @Test
    void aLinkPlantedAtTheTemporaryNameIsNeitherFollowedNorRemoved() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path planted = Files.createSymbolicLink(dir.resolve(".listns.prom.guessed.tmp"), victim);
        Path dangling = Files.createSymbolicLink(dir.resolve(".listns.prom.guessed2.tmp"), dir.resolve("created-by-root"));
        Iterator<String> names = List.of("guessed", "guessed2", "fresh").iterator();

        AtomicFile.write(dir.resolve("listns.prom"), CONTENT, "rw-r--r--", names::next);

        assertThat(victim).hasContent("precious");
        assertThat(dir.resolve("created-by-root")).doesNotExist();
        assertThat(Files.readSymbolicLink(planted)).isEqualTo(victim);
        assertThat(Files.readSymbolicLink(dangling)).isEqualTo(dir.resolve("created-by-root"));
        assertThat(dir.resolve("listns.prom")).hasBinaryContent(CONTENT);
    }

    @Test
    void whenEveryTemporaryNameIsTakenNothingIsWritten() throws Exception {
        Files.writeString(dir.resolve(".listns.prom.taken.tmp"), "someone else's\n");
        assertThatThrownBy(() -> AtomicFile.write(dir.resolve("listns.prom"), CONTENT, "rw-r--r--", () -> "taken"))
                .hasMessage(dir.toRealPath() + ": cannot create a temporary file: 16 fresh names in a row were taken");
        assertThat(entries()).containsExactly(".listns.prom.taken.tmp");
    }

    @Test
    void aDirectoryOthersMayWriteWithoutTheStickyBitIsRefused() throws Exception {
        // There, another user could swap the temporary file for a link between its creation and the chmod.
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> AtomicFile.write(open.resolve("listns.prom"), CONTENT, "rw-r--r--"))
                .hasMessage("directory " + open.toRealPath() + " is writable by group or others (mode 777) and not sticky");
        try (Stream<Path> files = Files.list(open)) {
            assertThat(files).isEmpty();
        }
    }

    private List<String> entries() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
