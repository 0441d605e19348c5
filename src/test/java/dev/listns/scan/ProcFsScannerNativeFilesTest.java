package dev.listns.scan;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.nativeaccess.NativeAccess;
import dev.listns.testing.FakeProc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * Every scanner test again, with the fake tree read through native file calls, as bin/listns reads a host.
 * JUnit does not discover the {@code @Nested} classes a test class inherits, so each is declared again
 * here; one missing from this list would run only through the JDK's file API.
 */
class ProcFsScannerNativeFilesTest extends ProcFsScannerTest {

    @Override
    @BeforeEach
    void setUp() {
        assumeThat(NativeAccess.loadFiles()).as("native file calls need Java " + NativeAccess.REQUIRED_JAVA + "+").isPresent();
        proc = new FakeProc(tempDir).readNatively();
    }

    @Nested
    class NativeBaseline extends Baseline {
    }

    @Nested
    class NativeMembers extends Members {
    }

    @Nested
    class NativeForChildren extends ForChildren {
    }

    @Nested
    class NativeThreads extends Threads {
    }

    @Nested
    class NativeVanishingProcesses extends VanishingProcesses {
    }

    @Nested
    class NativeNamedNetns extends NamedNetns {
    }

    @Nested
    class NativeCommandLines extends CommandLines {
    }

    @Nested
    class NativeContainers extends Containers {
    }
}
