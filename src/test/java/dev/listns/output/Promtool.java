package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus's own checker ({@code promtool check metrics}): the Go text parser that node_exporter's
 * textfile collector uses, plus Prometheus's naming lint. No Java library on Maven Central parses
 * the format strictly, so the reference parser is run as a program. Tests skip without it: the
 * Debian package {@code prometheus} provides it, and the build must not install anything itself.
 */
public final class Promtool {
    static final String MISSING = "promtool not found on PATH: the Prometheus exposition check is skipped "
            + "(Debian: apt-get install --no-install-recommends prometheus)";

    private Promtool() {
    }

    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
    }

    /**
     * Skips the calling test when promtool is absent, or fails it when {@code LISTNS_REQUIRE_PROMTOOL=1}
     * (for CI, where a silent skip would hide that the real parser never ran).
     */
    static void assumePresent() {
        if ("1".equals(System.getenv("LISTNS_REQUIRE_PROMTOOL"))) {
            assertThat(find()).as(MISSING + ", but LISTNS_REQUIRE_PROMTOOL=1").isPresent();
        }
        assumeTrue(find().isPresent(), MISSING);
    }

    /** Fails the calling test when promtool rejects or lints the text; see {@link #assumePresent()} for its absence. */
    public static void assertAccepts(String exposition) throws IOException, InterruptedException {
        assumePresent();
        Optional<Path> promtool = find();
        Process check = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
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
