package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the JDK, a process directory reads the entries of the table it listed last relative to that
 * table (fstatat): the answers must be those of a read by full path, and the table must be let go.
 */
class PathDirectoryTest {
    @TempDir
    Path root;

    @Test
    void entriesOfTheListedTableReadAsByTheirFullPath() throws IOException {
        Path fd = Files.createDirectories(root.resolve("100/fd"));
        Path file = Files.writeString(root.resolve("file"), "x");
        Files.createSymbolicLink(fd.resolve("3"), file);
        Files.createSymbolicLink(fd.resolve("4"), root.resolve("gone")); // closed meanwhile: cannot be followed
        Files.createSymbolicLink(fd.resolve("5"), Path.of("net:[4026532000]"));
        ProcFs proc = new ProcFs(root);

        try (ProcessDirectory dir = proc.process(100)) {
            assertThat(dir.numericEntries("fd")).containsExactly(3, 4, 5);
            for (String name : new String[] {"fd/3", "fd/4", "fd/5"}) {
                ProcFs.Stat relative = dir.identifyOrDenied(name);
                ProcFs.Stat byPath = proc.identifyOrDenied(root.resolve("100").resolve(name));
                assertThat(relative.status()).as(name).isEqualTo(byPath.status());
                assertThat(relative.denied()).as(name).isEqualTo(byPath.denied());
                assertThat(dir.sameFileKey(name)).as(name).isEqualTo(relative.key());
            }
            assertThat(dir.sameFileKey("fd/3")).isEqualTo(Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class).fileKey());
            // Not in the listed table: read by its full path.
            assertThat(dir.identifyOrDenied("fd").status()).isNotNull();
        }
    }

    @Test
    void theListedTableIsLetGoWhenTheNextIsListedAndWhenTheDirectoryCloses() throws IOException {
        for (String table : new String[] {"fd", "task/101/fd"}) {
            Files.createSymbolicLink(Files.createDirectories(root.resolve("100").resolve(table)).resolve("0"),
                    root.resolve("file"));
        }
        ProcFs proc = new ProcFs(root);
        long before = openDescriptors();

        try (ProcessDirectory dir = proc.process(100)) {
            for (int i = 0; i < 50; i++) {
                dir.numericEntries(i % 2 == 0 ? "fd" : "task/101/fd");
            }
            // The JDK holds a listed directory as two descriptors (its own and the stream's).
            assertThat(openDescriptors()).as("one table held at a time").isLessThanOrEqualTo(before + 2);
        }
        assertThat(openDescriptors()).isEqualTo(before);
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1; // the listing's own
        }
    }
}
