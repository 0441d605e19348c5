package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NativeAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second handle on a process's directory, for reading its threads' tables on another thread: it reads
 * the same process, and a directory held as a descriptor is reopened through that descriptor, so a PID
 * reused meanwhile does not slip in.
 */
class ProcessDirectoryAnotherTest {
    @TempDir
    Path root;

    @Test
    void throughTheJdkAnotherHandleReadsTheSameDirectory() throws IOException {
        comm(root.resolve("100"), "first");
        ProcFs proc = new ProcFs(root);

        try (ProcessDirectory dir = proc.process(100); ProcessDirectory another = dir.another()) {
            assertThat(another).isNotSameAs(dir);
            assertThat(text(another)).isEqualTo("first");
            dir.numericEntries("fd"); // what one handle lists is its own
            assertThat(text(dir)).isEqualTo("first");
        }
    }

    @Test
    void aHeldDirectoryIsReopenedThroughItselfNotByItsPath() throws IOException {
        Optional<FileSyscalls> files = NativeAccess.loadFiles();
        assumeThat(files).as("native file calls need Java " + NativeAccess.REQUIRED_JAVA + "+").isPresent();
        comm(root.resolve("100"), "first");
        ProcFs proc = new ProcFs(root, files);

        try (ProcessDirectory dir = proc.process(100)) {
            // The process ends and its PID is reused: /proc/100 is another directory now.
            Files.move(root.resolve("100"), root.resolve("ended"));
            comm(root.resolve("100"), "reused");

            try (ProcessDirectory another = dir.another()) {
                assertThat(text(another)).isEqualTo("first");
            }
            try (ProcessDirectory byPath = proc.process(100)) {
                assertThat(text(byPath)).isEqualTo("reused");
            }
        }
    }

    @Test
    void anotherHandleOnAGoneProcessReadsNothing() {
        Optional<FileSyscalls> files = NativeAccess.loadFiles();
        assumeThat(files).as("native file calls need Java " + NativeAccess.REQUIRED_JAVA + "+").isPresent();
        ProcFs proc = new ProcFs(root, files);

        try (ProcessDirectory gone = proc.process(404); ProcessDirectory another = gone.another()) {
            assertThat(another.read("comm")).isEmpty();
            assertThat(another.numericEntries("fd")).isEmpty();
        }
    }

    private static void comm(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("comm"), name);
    }

    private static String text(ProcessDirectory dir) {
        return new String(dir.read("comm").orElseThrow(), StandardCharsets.UTF_8);
    }
}
