package dev.listns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How listns learns the terminal's width: never from a program found on PATH, never waiting for ever. */
class TerminalWidthTest {
    private static final File NO_INPUT = new File("/dev/null");

    @TempDir
    Path temp;

    @Test
    void aProgramThatHangsIsKilledAtTheDeadlineAndTheWidthFallsBackTo80() {
        TerminalWidth hanging = new TerminalWidth(List.of("/bin/sleep", "30"), NO_INPUT, Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThat(hanging.columns()).isEqualTo(80);
        // Generous: what matters is that it does not wait the 30 s out.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theAnswerOfSttySizeGivesTheColumns() {
        assertThat(new TerminalWidth(List.of("/bin/echo", "24", "132"), NO_INPUT, Duration.ofSeconds(10)).columns())
                .isEqualTo(132);
    }

    @Test
    void anythingElseFallsBackTo80() {
        assertThat(new TerminalWidth(List.of("/bin/echo", "garbage"), NO_INPUT, Duration.ofSeconds(10)).columns()).isEqualTo(80);
        assertThat(new TerminalWidth(List.of("/bin/echo", "0", "0"), NO_INPUT, Duration.ofSeconds(10)).columns()).isEqualTo(80);
        assertThat(new TerminalWidth(List.of("/bin/false"), NO_INPUT, Duration.ofSeconds(10)).columns()).isEqualTo(80);
        assertThat(new TerminalWidth(List.of(temp.resolve("missing").toString()), NO_INPUT, Duration.ofSeconds(10)).columns())
                .isEqualTo(80);
    }

    @Test
    void theSystemsSttyIsNamedByItsFullPathNotLookedUpOnPath() {
        assumeThat(Path.of("/usr/bin/stty")).as("stty installed").isRegularFile();
        TerminalWidth system = TerminalWidth.system().orElseThrow();
        assertThat(system.command()).hasSize(2);
        assertThat(system.command().get(0)).startsWith("/").endsWith("/stty");
        assertThat(system.command().get(1)).isEqualTo("size");
    }

    @Test
    void anSttyOthersCouldHavePutThereIsNotRun() throws Exception {
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path planted = Files.writeString(open.resolve("stty"), "#!/bin/sh\necho 24 132\n");
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path writable = Files.writeString(temp.resolve("stty"), "#!/bin/sh\necho 24 132\n");
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(TerminalWidth.trusted(List.of(planted, writable, temp.resolve("missing")))).isEmpty();
    }
}
