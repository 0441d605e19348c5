package dev.listns.scan;

import dev.listns.testing.FakeProc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * Every scanner test again, with the native file calls linked only after the walk, as a cold JDK 22+
 * may link them on a small host: each process is read through the JDK's file API, and a multi-threaded
 * process's thread tables are settled after the walk (natively where this JVM can). Without Java 22 the
 * link ends with no native calls, and the settling takes the JDK's way too. As in
 * {@link ProcFsScannerNativeFilesTest}, each inherited {@code @Nested} class is declared again.
 */
class ProcFsScannerLateLinkTest extends ProcFsScannerTest {

    @Override
    @BeforeEach
    void setUp() {
        proc = new FakeProc(tempDir).linkFilesLate();
    }

    @Nested
    class LateBaseline extends Baseline {
    }

    @Nested
    class LateMembers extends Members {
    }

    @Nested
    class LateForChildren extends ForChildren {
    }

    @Nested
    class LateThreads extends Threads {
    }

    @Nested
    class LateVanishingProcesses extends VanishingProcesses {
    }

    @Nested
    class LateNamedNetns extends NamedNetns {
    }

    @Nested
    class LateCommandLines extends CommandLines {
    }

    @Nested
    class LateContainers extends Containers {
    }
}
