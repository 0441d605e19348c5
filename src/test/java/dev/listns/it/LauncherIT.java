package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.listns.testing.Commands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * bin/listns, the launcher, on the newest JDK installed: the start-up cache it makes on the first run
 * and uses on later ones, without a word of its own or of the JVM's on stdout or stderr; and never a
 * cache another user could have put an archive in.
 */
@Timeout(180)
class LauncherIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    /** See {@link #archiveName()}. */
    private static String archiveName;
    /** What a JVM says of its caches when let: "AOTConfiguration recorded: ...", "[0.011s][warning][cds] ...". */
    private static final String JVM_REPORT = "(?m)^((Temporary )?AOTConfiguration|Reading AOTConfiguration|AOTCache|\\[[0-9.]+s\\]\\[)";

    @TempDir
    Path temp;

    @Test
    void theFirstRunMakesTheCacheAndLaterRunsUseItListingAlike() throws Exception {
        Path cache = temp.resolve("cache");
        String initialUts = Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString();

        Commands.Exec first = launch(cache, "-a", "-t", "uts");
        List<Path> made = files(cache);
        FileTime madeAt = Files.getLastModifiedTime(made.get(0));
        Commands.Exec second = launch(cache, "-a", "-t", "uts");

        for (Commands.Exec run : List.of(first, second)) {
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

        Commands.Exec run = launch(cache, "-t", "net");

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

        List<Commands.Exec> runs = List.of(launch(cache, jdk, "-t", "uts"), launch(cache, jdk, "-t", "uts"));

        for (Commands.Exec run : runs) {
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout().lines().findFirst()).as("%s", run).hasValue(JarIT.HEADER);
        }
        assertThat(Files.readAllLines(attempts)).as("one try, by the first run").containsExactly("-XX:AOTMode=record");
        assertThat(files(cache)).singleElement()
                .satisfies(file -> assertThat(file.getFileName().toString()).endsWith(".aot.failed"));
    }

    // ---------------------------------------------------------------- a cache another user could write to

    /** How another user could have put an archive in the cache, or could swap the cache for their own. */
    enum Hostile {
        CACHE_OWNED_BY_ANOTHER_USER, CACHE_WRITABLE_BY_ALL, CACHE_WRITABLE_BY_GROUP, PARENT_MADE_BY_ANOTHER_USER,
        PARENT_WRITABLE_BY_ALL_NOT_STICKY
    }

    /**
     * An archive runs code in the JVM that maps it: one planted by another user would run as root. The
     * launcher must neither give the JVM such an archive nor fail; it says why only when asked to.
     */
    @ParameterizedTest
    @EnumSource(Hostile.class)
    void anArchiveInACacheAnotherUserCouldWriteIsNeverGivenToTheJvm(Hostile how) throws Exception {
        Sandbox.assumeRoot();
        String archive = archiveName();
        Path parent = stickyForAll().resolve("parent");
        Path cache = parent.resolve("cache");
        switch (how) {
            case PARENT_MADE_BY_ANOTHER_USER -> {
                Commands.Exec mkdir = asNobody("mkdir", "-m", "0755", parent.toString());
                assertThat(mkdir.exitCode()).as("%s", mkdir).isZero();
                Files.createDirectory(cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            case PARENT_WRITABLE_BY_ALL_NOT_STICKY -> {
                Files.createDirectory(parent);
                Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
                Files.createDirectory(cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            default -> {
                Files.createDirectories(cache);
                Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString(
                        how == Hostile.CACHE_WRITABLE_BY_ALL ? "rwxrwxrwx" : how == Hostile.CACHE_WRITABLE_BY_GROUP ? "rwxrwx---" : "rwx------"));
                if (how == Hostile.CACHE_OWNED_BY_ANOTHER_USER) {
                    Files.setAttribute(cache, "unix:uid", 65534);
                }
            }
        }
        byte[] garbage = "planted by another user\n".getBytes(StandardCharsets.US_ASCII);
        Path planted = Files.write(cache.resolve(archive), garbage);
        FileTime plantedAt = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(planted, plantedAt);

        Commands.Exec quiet = launch(cache, "-t", "uts");
        Commands.Exec told = launchDebug(cache, "-t", "uts");

        for (Commands.Exec run : List.of(quiet, told)) {
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout().lines().findFirst()).as("%s", run).hasValue(JarIT.HEADER);
        }
        assertThat(quiet.stderr()).as("nothing said unless asked").isEmpty();
        assertThat(told.stderrLines()).as("%s", told).hasSize(2);
        assertThat(told.stderrLines().get(0)).startsWith("listns launcher: no cache: ");
        assertThat(told.stderrLines().get(1)).startsWith("listns launcher: runs ").doesNotContain(archive)
                .doesNotContainPattern("-XX:(AOTCache|SharedArchiveFile|ArchiveClassesAtExit)=");
        assertThat(Files.readAllBytes(planted)).isEqualTo(garbage);
        assertThat(Files.getLastModifiedTime(planted)).isEqualTo(plantedAt);
        assertThat(files(cache)).containsExactly(planted);
    }

    @Test
    void noCacheIsMadeBelowADirectoryAnotherUserOwns() throws Exception {
        Sandbox.assumeRoot();
        Path theirs = stickyForAll().resolve("theirs");
        assertThat(asNobody("mkdir", "-m", "0777", theirs.toString()).exitCode()).isZero();
        Path cache = theirs.resolve("cache");

        Commands.Exec run = launchDebug(cache, "-t", "uts");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stderrLines().get(0)).isEqualTo("listns launcher: no cache: " + theirs.toRealPath() + " is owned by uid 65534");
        assertThat(cache).doesNotExist();
    }

    @Test
    void aCacheInAStickyDirectoryReachedThroughALinkIsUsedByItsRealPath() throws Exception {
        // Like /tmp: others may add entries there but not touch ours; a link changed later changes nothing.
        Path sticky = Files.createDirectory(temp.resolve("sticky"));
        assertThat(Commands.run(Duration.ofSeconds(10), "chmod", "1777", sticky.toString()).exitCode()).isZero();
        Path link = Files.createSymbolicLink(temp.resolve("link"), sticky);

        Commands.Exec run = launchDebug(link.resolve("cache"), "-t", "uts");

        Path real = sticky.toRealPath().resolve("cache");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stderrLines().get(0)).isEqualTo("listns launcher: cache " + real);
        assertThat(run.stderrLines().get(1)).contains("=" + real + "/listns-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rwx------");
    }

    /** The archive's file name for this JDK and jar, from a run that makes it in a cache of its own. */
    private static synchronized String archiveName() throws Exception {
        if (archiveName == null) {
            Path cache = Files.createTempDirectory("listns-it-cache-");
            try {
                Commands.Exec run = launchDebug(cache, "-t", "uts");
                Matcher flag = Pattern.compile("-XX:(?:AOTCache|SharedArchiveFile|ArchiveClassesAtExit)=\\S*/([^/\\s]+)")
                        .matcher(run.stderr());
                assertThat(flag.find()).as("an archive flag in %s", run).isTrue();
                archiveName = flag.group(1);
            } finally {
                try (Stream<Path> made = Files.list(cache)) {
                    for (Path file : made.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(cache);
            }
        }
        return archiveName;
    }

    /** A directory like /tmp (root's, mode 1777) in which uid 65534 makes its own. */
    private Path stickyForAll() throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x")); // JUnit makes it 0700
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Commands.Exec chmod = Commands.run(Duration.ofSeconds(10), "chmod", "1777", shared.toString());
        assertThat(chmod.exitCode()).as("%s", chmod).isZero();
        return shared;
    }

    private static Commands.Exec asNobody(String... command) throws Exception {
        List<String> all = Stream.concat(Stream.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                Stream.of(command)).toList();
        return Commands.run(Duration.ofSeconds(10), all, null);
    }

    private static Commands.Exec launchDebug(Path cache, String... arguments) throws Exception {
        return launch(cache, null, Map.of("LISTNS_LAUNCHER_DEBUG", "1"), arguments);
    }

    private static Commands.Exec launch(Path cache, String... arguments) throws Exception {
        return launch(cache, null, arguments);
    }

    private static Commands.Exec launch(Path cache, Path javaHome, String... arguments) throws Exception {
        return launch(cache, javaHome, Map.of(), arguments);
    }

    /**
     * @param javaHome the JDK the launcher is told to use, or null to let it pick the newest
     * @param extra    more environment variables
     */
    private static Commands.Exec launch(Path cache, Path javaHome, Map<String, String> extra, String... arguments)
            throws Exception {
        List<String> command = Stream.concat(Stream.of(Path.of("bin/listns").toAbsolutePath().toString()),
                Stream.of(arguments)).toList();
        return Commands.run(RUN_TIMEOUT, command, null, environment -> {
            environment.put("LISTNS_CACHE", cache.toString());
            environment.put("LISTNS_JAR", JarIT.jar().toString());
            environment.remove("LISTNS_JAVA_HOME");
            environment.remove("JAVA_HOME");
            environment.remove("LISTNS_LAUNCHER_DEBUG");
            environment.putAll(extra);
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
