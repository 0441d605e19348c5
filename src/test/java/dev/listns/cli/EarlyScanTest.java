package dev.listns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listns.model.Baseline;
import dev.listns.model.ScanResult;
import dev.listns.model.Unavailable;
import dev.listns.model.ScanFailedException;
import dev.listns.model.ScanRequest;
import dev.listns.model.StagedScanner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EarlyScanTest {

    /** Answers a result naming how many scans it has prepared so far, and the request that finished it. */
    private static final class CountingScanner implements StagedScanner {
        final AtomicInteger scans = new AtomicInteger();

        @Override
        public Stage prepare() {
            int n = scans.incrementAndGet();
            return request -> new ScanResult(List.of(), new Baseline("scan " + n + " " + request.initialCommands(), Map.of()),
                    false, List.of(), Unavailable.NONE, List.of(), Instant.EPOCH, Duration.ZERO, "boot");
        }
    }

    @Test
    void theFirstScanIsTheOneStartedEarlyAndLaterOnesAreFresh() {
        CountingScanner scanner = new CountingScanner();
        EarlyScan early = EarlyScan.start(scanner);

        assertThat(early.scan(ScanRequest.CHANGED_NAMESPACES).baseline().source()).isEqualTo("scan 1 false");
        assertThat(early.scan(ScanRequest.EVERY_NAMESPACE).baseline().source()).isEqualTo("scan 2 true");
        assertThat(scanner.scans).hasValue(2);
    }

    @Test
    void aFailedScanFailsAsIfItHadRunOnTheCallersThread() {
        EarlyScan early = EarlyScan.start(() -> {
            throw new ScanFailedException("no process could be read under /nowhere");
        });

        assertThatThrownBy(early::scan).isExactlyInstanceOf(ScanFailedException.class)
                .hasMessage("no process could be read under /nowhere");
    }
}
