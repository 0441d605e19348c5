package dev.listns.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void aDeferredCommandLineIsReadOnceAndOnlyWhenAskedFor() {
        AtomicInteger reads = new AtomicInteger();
        CommandLine line = CommandLine.deferred(() -> "sleep " + reads.incrementAndGet());

        assertThat(reads).hasValue(0);
        assertThat(line.text()).isEqualTo("sleep 1");
        assertThat(line.text()).isEqualTo("sleep 1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void commandLinesAreEqualByTextWhereverTheTextCameFrom() {
        CommandLine read = CommandLine.of("sleep 600");
        CommandLine later = CommandLine.deferred(() -> "sleep 600");

        assertThat(later).isEqualTo(read).hasSameHashCodeAs(read).hasToString("sleep 600");
        assertThat(CommandLine.of("sleep 60")).isNotEqualTo(read);
        assertThat(new ProcessInfo(7, 1, "sleep", later, 9, Optional.empty()))
                .isEqualTo(new ProcessInfo(7, 1, "sleep", "sleep 600", 9, Optional.empty()));
    }
}
