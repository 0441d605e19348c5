package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the packaged {@code target/listns.jar} as a real subprocess, on Java 17 and on the newest JDK
 * installed under /usr/lib/jvm: exit codes, what goes to which stream, a reader that goes away, and a
 * run as an unprivileged user.
 */
@Timeout(120)
class JarIT {
    static final String HEADER = String.format("%10s  %-20s  %s", "PID", "Namespace", "Thread/Command");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    /** One installed JDK. */
    record Jdk(Runtime.Version version, Path home) {
        Path java() {
            return home.resolve("bin").resolve("java");
        }

        boolean isNewest() {
            return newest().map(n -> n.home().equals(home)).orElse(false);
        }

        @Override
        public String toString() {
            return "Java " + version + " (" + home + ")";
        }
    }

    // ---------------------------------------------------------------- which JDKs

    /** Every JDK under /usr/lib/jvm with a readable {@code release} file, once per real directory. */
    static List<Jdk> installedJdks() {
        Map<Path, Jdk> byRealPath = new LinkedHashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(JVM_DIR)) {
            for (Path dir : dirs) {
                Path release = dir.resolve("release");
                if (!Files.isRegularFile(release) || !Files.isExecutable(dir.resolve("bin/java"))) {
                    continue;
                }
                Properties properties = new Properties();
                try (var in = Files.newInputStream(release)) {
                    properties.load(in);
                }
                String text = properties.getProperty("JAVA_VERSION", "").replace("\"", "").strip();
                if (text.isEmpty()) {
                    continue;
                }
                byRealPath.putIfAbsent(dir.toRealPath(), new Jdk(Runtime.Version.parse(text), dir));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<Jdk> jdks = new ArrayList<>(byRealPath.values());
        jdks.sort(Comparator.comparing(Jdk::version).thenComparing(j -> j.home().toString()));
        return jdks;
    }

    static Optional<Jdk> newest() {
        List<Jdk> jdks = installedJdks();
        return jdks.isEmpty() ? Optional.empty() : Optional.of(jdks.get(jdks.size() - 1));
    }

    /** Java 17 (the release listns targets), preferring Debian's usual path, then any JDK 17 found. */
    static Optional<Jdk> java17() {
        List<Jdk> seventeen = installedJdks().stream().filter(j -> j.version().feature() == 17).toList();
        return seventeen.stream().filter(j -> j.home().equals(JVM_DIR.resolve("java-17-openjdk-amd64"))).findFirst()
                .or(() -> seventeen.stream().findFirst());
    }

    /** Java 17 and the newest JDK (one entry if they are the same). */
    static Stream<Jdk> jdks() {
        List<Jdk> jdks = new ArrayList<>();
        java17().ifPresent(jdks::add);
        newest().filter(n -> jdks.stream().noneMatch(j -> j.home().equals(n.home()))).ifPresent(jdks::add);
        assertThat(jdks).as("a JDK 17 or newer under %s", JVM_DIR).isNotEmpty();
        return jdks.stream();
    }

    static Stream<Arguments> jdksAndPipedArguments() {
        // No arguments: the usual run. "-a -J": always far more than a pipe holds (64 KiB), so the
        // reader is certainly gone while listns still writes.
        return jdks().flatMap(jdk -> Stream.of(Arguments.of(jdk, List.of()), Arguments.of(jdk, List.of("-a", "-J"))));
    }

    // ---------------------------------------------------------------- tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void versionExitsZero(Jdk jdk) throws Exception {
        Commands.Exec run = run(jdk, "--version");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdoutLines()).as("%s", run).hasSize(2);
        assertThat(run.stdoutLines().get(0)).matches("listns \\S+");
        assertThat(run.stdoutLines().get(1)).startsWith("Java " + jdk.version().feature());
        assertThat(run.stderr()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void plainRunPrintsTheTable(Jdk jdk) throws Exception {
        Sandbox.assumeRoot();
        Commands.Exec run = run(jdk);
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).startsWith(HEADER + "\n");
        assertThat(stderrBesidesJavaNote(jdk, run)).as("%s", run).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdksAndPipedArguments")
    void readerThatGoesAwayAfterOneLine(Jdk jdk, List<String> arguments) throws Exception {
        Sandbox.assumeRoot();
        // pipefail off: the script's status is listns's own, taken from PIPESTATUS.
        String script = "set +o pipefail; \"$@\" | head -n 1; exit \"${PIPESTATUS[0]}\"";
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "listns-pipe", jdk.java().toString(), "-jar", jar().toString()));
        command.addAll(arguments);
        Commands.Exec run = Commands.run(RUN_TIMEOUT, command, null);
        assertThat(run.exitCode()).as("listns's exit status behind | head -1: %s", run).isZero();
        assertThat(run.stdoutLines()).as("%s", run).hasSize(1);
        assertThat(run.stdoutLines().get(0)).isEqualTo(arguments.contains("-J") ? "{" : HEADER);
        assertThat(stderrBesidesJavaNote(jdk, run)).as("%s", run).isEmpty();
        assertNoJvmNoise(jdk, run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void unknownTypeIsAUsageErrorOnOneLine(Jdk jdk) throws Exception {
        Commands.Exec run = run(jdk, "-t", "foo");
        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).as("%s", run).singleElement().asString()
                .startsWith("listns: ").contains("'foo'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void unprivilegedRunSaysOnceThatItIsPartial(Jdk jdk) throws Exception {
        Sandbox.assumeRoot(); // only root can drop to another user
        Workloads.require("setpriv");
        try (Sandbox sandbox = new Sandbox()) {
            // A directory every user can read, so uid 65534 can open the jar.
            Path dir = sandbox.workDir();
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path jar = Files.copy(jar(), dir.resolve("listns.jar"));
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));

            Commands.Exec run = Commands.run(RUN_TIMEOUT, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    jdk.java().toString(), "-jar", jar.toString()), dir);
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout()).startsWith(HEADER + "\n");
            assertThat(stderrBesidesJavaNote(jdk, run)).as("%s", run).singleElement().asString().contains("partial");
            assertNoJvmNoise(jdk, run);
        }
    }

    @Test
    void newestJdkPrintsNoJvmWarningsEvenWithJsonAndVerbose() throws Exception {
        Sandbox.assumeRoot();
        Jdk jdk = newest().orElseThrow();
        Commands.Exec run = run(jdk, "-a", "-J", "-v");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).startsWith("{\n");
        assertThat(run.stderrLines()).as("--verbose says what it did, in listns's own lines").isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("listns: "));
        assertNoJvmNoise(jdk, run);
    }

    /**
     * On an architecture listns has no system call numbers for (riscv64, s390x...), a JDK 22+ cannot link
     * its native calls: listns must then read through the JDK's file API as on Java 17, find the same
     * namespaces, and say once what it could not look for. Such a JVM is played by setting os.arch, which
     * listns reads to choose the numbers; before, the first native call failed with a stack trace.
     */
    @Test
    void onAnArchitectureWithoutSystemCallNumbersTheNewestJdkReadsThroughTheJdk() throws Exception {
        Sandbox.assumeRoot();
        Jdk jdk = newest().orElseThrow();
        assertThat(jdk.version().feature()).as("the newest JDK here, %s, has java.lang.foreign", jdk).isGreaterThanOrEqualTo(22);
        Commands.Exec run = Commands.run(RUN_TIMEOUT, List.of(jdk.java().toString(), "-Dos.arch=riscv64", "-jar",
                jar().toString(), "-l", "-n", "-o", "TYPE,NS"), null);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertNoJvmNoise(jdk, run);
        assertThat(run.stderrLines()).as("%s", run).singleElement().asString()
                .startsWith("listns: not looked for on Java " + jdk.version().feature() + ": ")
                .contains("parent and owner namespaces")
                .endsWith("(native access could not be loaded)");
        List<String> rows = run.stdoutLines().stream().map(line -> line.trim().replaceAll("\\s+", " ")).toList();
        for (String type : List.of("mnt", "net", "pid", "uts", "ipc", "user", "cgroup")) {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns", type)).toString();
            String inode = link.substring(link.indexOf('[') + 1, link.indexOf(']'));
            assertThat(rows).as("this JVM's %s namespace, %s, among %s", type, link, run).contains(type + " " + inode);
        }
    }

    static Stream<Arguments> jdksAndUnusualNetnsNames() {
        byte[] umlaut = "listns-it-\u00fc".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = Arrays.copyOf("listns-it-x".getBytes(StandardCharsets.US_ASCII), "listns-it-x".length() + 1);
        notUtf8[notUtf8.length - 1] = (byte) 0xff;
        return jdks().flatMap(jdk -> Stream.of(
                Arguments.of(jdk, "C", "UTF-8 name 'listns-it-\u00fc'", umlaut),
                Arguments.of(jdk, "C.UTF-8", "name with byte 0xff", notUtf8)));
    }

    /**
     * {@code ip netns add} takes any bytes but '/' as a name. Whatever the locale (cron, systemd units and
     * {@code env -i} give the POSIX one), such a namespace must be listed, and must not stop the scan.
     */
    @ParameterizedTest(name = "{0} LC_ALL={1} {2}")
    @MethodSource("jdksAndUnusualNetnsNames")
    void namedNetnsWithAnUnusualNameIsListedInAnyLocale(Jdk jdk, String locale, String label, byte[] name) throws Exception {
        Sandbox.assumeRoot();
        try (Sandbox sandbox = new Sandbox()) {
            byte[] unique = Sandbox.uniqueName("").getBytes(StandardCharsets.US_ASCII);
            byte[] rawName = Arrays.copyOf(name, name.length + unique.length);
            System.arraycopy(unique, 0, rawName, name.length, unique.length);
            long inode = sandbox.addNetns(rawName);

            List<String> command = List.of(jdk.java().toString(), "-jar", jar().toString(), "-t", "net", "-J");
            Commands.Exec run = Commands.run(RUN_TIMEOUT, command, null, environment -> {
                environment.keySet().removeIf(key -> key.startsWith("LC_") || key.equals("LANG") || key.equals("LANGUAGE"));
                environment.put("LC_ALL", locale);
            });
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(stderrBesidesJavaNote(jdk, run)).as("%s", run).isEmpty();
            JsonNode found = null;
            for (JsonNode ns : new ObjectMapper().readTree(run.stdout()).get("namespaces")) {
                if (ns.get("id").asText().equals("net:[" + inode + "]")) {
                    found = ns;
                }
            }
            assertThat(found).as("net:[%d] (%s) in the output: %s", inode, label, run).isNotNull();
            assertThat(found.get("names")).singleElement().satisfies(n -> assertThat(n.asText()).startsWith("listns-it-"));
            // Only listns's own mount namespace counts: a sandbox that binds / recursively (bwrap --ro-bind / /)
            // receives the mount too, by propagation, and holds the namespace there as well.
            String own = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
            assertThat(found.get("holders")).filteredOn(h -> own.equals(h.get("mount_namespace").asText()))
                    .singleElement().satisfies(h -> assertThat(h.get("kind").asText()).isEqualTo("bind_mount"));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Commands.Exec run(Jdk jdk, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-jar", jar().toString()));
        command.addAll(List.of(arguments));
        Commands.Exec run = Commands.run(RUN_TIMEOUT, command, null);
        assertNoJvmNoise(jdk, run);
        return run;
    }

    /**
     * stderr without the one line a JVM older than 22 must print (what listns could not look for);
     * asserts that line is there exactly once on such a JVM and absent on a newer one.
     */
    private static List<String> stderrBesidesJavaNote(Jdk jdk, Commands.Exec run) {
        String note = "listns: not looked for on Java " + jdk.version().feature() + ": ";
        List<String> notes = run.stderrLines().stream().filter(line -> line.startsWith(note)).toList();
        assertThat(notes).as("what Java %d could not look for, said once: %s", jdk.version().feature(), run)
                .hasSize(jdk.version().feature() < 22 ? 1 : 0)
                .allSatisfy(line -> assertThat(line).contains("socket holders, parent and owner namespaces"));
        return run.stderrLines().stream().filter(line -> !line.startsWith(note)).toList();
    }

    /** No stack trace ever; and on the newest JDK, no JVM warning (native access, ...). */
    private static void assertNoJvmNoise(Jdk jdk, Commands.Exec run) {
        assertThat(run.stderr()).as("stderr of %s", jdk)
                .doesNotContain("Exception")
                .doesNotContainPattern("(?m)^\\s+at [\\w$.]+\\(");
        if (jdk.isNewest()) {
            assertThat(run.stderr()).as("stderr on the newest JDK, %s", jdk)
                    .doesNotContainIgnoringCase("restricted method")
                    .doesNotContain("WARNING");
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("listns.jar", "target/listns.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged jar; run './mvnw verify' so that failsafe runs after 'package'").isRegularFile();
        return jar;
    }
}
