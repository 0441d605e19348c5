package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.testing.Workloads;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker ({@code promtool check metrics}): the Go text parser that node_exporter's
 * textfile collector uses, plus Prometheus's naming lint. No Java library on Maven Central parses
 * the format strictly, so the reference parser is run as a program, from the Debian package
 * {@code prometheus}. Without it the tests that use it skip, or fail under
 * {@code -Dlistns.workloads=required} (see {@link Workloads}).
 */
public final class Promtool {
    private Promtool() {
    }

    /** Skips the calling test when promtool is absent, or fails it where every real tool is required. */
    static void assumePresent() {
        Workloads.require("promtool");
    }

    /** Fails the calling test when promtool rejects or lints the text; see {@link #assumePresent()} for its absence. */
    public static void assertAccepts(String exposition) throws IOException, InterruptedException {
        assumePresent();
        Process check = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true).start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(check.exitValue()).as("promtool check metrics said: %s%nfor:%n%s", said, exposition).isZero();
        assertThat(said.strip()).as("promtool lint findings").isEmpty();
    }
}
