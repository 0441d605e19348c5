package dev.listns.nativeaccess.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.nativeaccess.NativeAccess;
import dev.listns.nativeaccess.NativeException;
import dev.listns.nativeaccess.UntrustedFileSyscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** openat2 without links, and fstat of what was opened, on real files; nothing here needs root. */
class FfmUntrustedFileSyscallsTest {
    private static final int ELOOP = 40;

    @TempDir
    Path dir;
    private UntrustedFileSyscalls sys;
    private int me;

    @BeforeEach
    void setUp() throws Exception {
        assumeThat(NativeAccess.supported()).as("java.lang.foreign needs Java 22+").isTrue();
        sys = NativeAccess.loadUntrustedFiles().orElseThrow();
        me = (Integer) Files.getAttribute(dir, "unix:uid");
    }

    @Test
    void readsARegularFileOfItsOwnerWhole() throws Exception {
        byte[] content = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("f"), content);

        assertThat(sys.readRegularFile(dir.resolve("f").toString(), me, 200_000)).isEqualTo(content);
    }

    @Test
    void refusesALinkAtTheFileOrOnTheWay() throws Exception {
        Files.writeString(dir.resolve("real"), "x");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        Files.createDirectory(dir.resolve("d"));
        Files.writeString(dir.resolve("d/f"), "x");
        Files.createSymbolicLink(dir.resolve("dlink"), dir.resolve("d"));

        assertThatThrownBy(() -> sys.readRegularFile(dir.resolve("link").toString(), me, 10))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(ELOOP));
        assertThatThrownBy(() -> sys.readRegularFile(dir.resolve("dlink/f").toString(), me, 10))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(ELOOP));
    }

    @Test
    @Timeout(10)
    void refusesAFifoWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("fifo");
        assumeThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        assertThatThrownBy(() -> sys.readRegularFile(fifo.toString(), me, 10))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(NativeException.EINVAL))
                .hasMessageContaining("not a regular file");
    }

    @Test
    void refusesAnotherOwnerASecondLinkAndTooMuch() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "0123456789");

        assertThatThrownBy(() -> sys.readRegularFile(file.toString(), me + 1, 100)).hasMessageContaining("another user");
        assertThatThrownBy(() -> sys.readRegularFile(file.toString(), me, 9)).hasMessageContaining("larger than 9");
        Files.createLink(dir.resolve("second"), file);
        assertThatThrownBy(() -> sys.readRegularFile(file.toString(), me, 100)).hasMessageContaining("hard link");
        assertThatThrownBy(() -> sys.readRegularFile(dir + "/f\0x", me, 100)).isInstanceOf(NativeException.class);
    }
}
