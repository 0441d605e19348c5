package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/listns, the launcher, on the newest JDK installed: the start-up cache it makes on the first run
 * and uses on later ones, without a word of its own or of the JVM's on stdout or stderr.
 */
@Timeout(180)
class LauncherIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    /** What a JVM says of its caches when let: "AOTConfiguration recorded: ...", "[0.011s][warning][cds] ...". */
    private static final String JVM_REPORT = "(?m)^((Temporary )?AOTConfiguration|Reading AOTConfiguration|AOTCache|\\[[0-9.]+s\\]\\[)";

    @TempDir
    Path temp;

    @Test
    void theFirstRunMakesTheCacheAndLaterRunsUseItListingAlike() throws Exception {
        Path cache = temp.resolve("cache");
        String initialUts = Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString();

        Sandbox.Exec first = launch(cache, "-a", "-t", "uts");
        List<Path> made = files(cache);
        FileTime madeAt = Files.getLastModifiedTime(made.get(0));
        Sandbox.Exec second = launch(cache, "-a", "-t", "uts");

        for (Sandbox.Exec run : List.of(first, second)) {
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stderr()).as("%s", run).isEmpty();
            assertThat(run.stdout().lines().findFirst()).as("%s", run).hasValue(JarIT.HEADER);
            assertThat(run.stdout()).as("%s", run).contains(initialUts).doesNotContainPattern(JVM_REPORT);
        }
        String expected = JarIT.newest().orElseThrow().version().feature() >= 25 ? ".aot" : ".jsa";
        assertThat(made).singleElement().satisfies(file -> assertThat(file.getFileName().toString()).endsWith(expected));
        assertThat(files(cache)).containsExactlyElementsOf(made);
        assertThat(Files.getLastModifiedTime(made.get(0))).as("used, not made again").isEqualTo(madeAt);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
    }

    @Test
    void makingTheCacheRemovesWhatAKilledEarlierMakingLeft() throws Exception {
        assumeTrue(JarIT.newest().orElseThrow().version().feature() >= 25, "an ahead-of-time cache needs JDK 25");
        Path cache = temp.resolve("cache");
        launch(cache, "-t", "net");
        Path aot = files(cache).get(0);
        Files.delete(aot);
        // Above any pid_max (2^22): no live process has these PIDs.
        Path leftConf = Path.of(aot + ".4194999.conf");
        Path leftPartial = Path.of(aot + ".4194998.partial");
        Files.write(leftConf, new byte[1024]);
        Files.write(leftPartial, new byte[1024]);

        Sandbox.Exec run = launch(cache, "-t", "net");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(files(cache)).containsExactly(aot);
    }

    @Test
    void whenTheCacheCannotBeMadeListnsRunsWithoutItAndLaterRunsDoNotTryAgain() throws Exception {
        // A JDK 25 whose java refuses every AOT mode and otherwise is the newest JDK's.
        Path jdk = temp.resolve("jdk");
        Path attempts = temp.resolve("attempts");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.99\"\n");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, String.join("\n",
                "#!/bin/bash",
                "for a in \"$@\"; do case $a in -XX:AOTMode=*) echo \"$a\" >> '" + attempts + "'; exit 1;; esac; done",
                "exec '" + JarIT.newest().orElseThrow().java() + "' \"$@\"", ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Path cache = temp.resolve("cache");

        List<Sandbox.Exec> runs = List.of(launch(cache, jdk, "-t", "uts"), launch(cache, jdk, "-t", "uts"));

        for (Sandbox.Exec run : runs) {
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout().lines().findFirst()).as("%s", run).hasValue(JarIT.HEADER);
        }
        assertThat(Files.readAllLines(attempts)).as("one try, by the first run").containsExactly("-XX:AOTMode=record");
        assertThat(files(cache)).singleElement()
                .satisfies(file -> assertThat(file.getFileName().toString()).endsWith(".aot.failed"));
    }

    private static Sandbox.Exec launch(Path cache, String... arguments) throws Exception {
        return launch(cache, null, arguments);
    }

    /** @param javaHome the JDK the launcher is told to use, or null to let it pick the newest */
    private static Sandbox.Exec launch(Path cache, Path javaHome, String... arguments) throws Exception {
        List<String> command = Stream.concat(Stream.of(Path.of("bin/listns").toAbsolutePath().toString()),
                Stream.of(arguments)).toList();
        return Sandbox.exec(RUN_TIMEOUT, command, null, environment -> {
            environment.put("LISTNS_CACHE", cache.toString());
            environment.put("LISTNS_JAR", JarIT.jar().toString());
            environment.remove("LISTNS_JAVA_HOME");
            environment.remove("JAVA_HOME");
            if (javaHome != null) {
                environment.put("LISTNS_JAVA_HOME", javaHome.toString());
            }
        });
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
