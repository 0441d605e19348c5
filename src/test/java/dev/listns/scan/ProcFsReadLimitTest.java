package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.nativeaccess.NativeAccess;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A file that never ends, or one of gigabytes, stands for what another user can make of a command
 * line or a mount table: listns reads its first {@link ProcFs#READ_LIMIT} bytes and goes on.
 */
class ProcFsReadLimitTest {

    @Test
    void theJdkPathStopsAtTheLimit() {
        ProcFs proc = new ProcFs(Path.of("/"), Optional.empty());

        assertThat(proc.read(Path.of("/dev/zero"))).hasValueSatisfying(bytes -> assertThat(bytes).hasSize(ProcFs.READ_LIMIT));
    }

    @Test
    void theNativePathStopsAtTheLimit() {
        assumeThat(NativeAccess.supported()).as("native reads need Java 22+").isTrue();
        ProcFs proc = new ProcFs(Path.of("/"), NativeAccess.loadFiles());

        assertThat(proc.read(Path.of("/dev/zero"))).hasValueSatisfying(bytes -> assertThat(bytes).hasSize(ProcFs.READ_LIMIT));
    }
}
