package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.testing.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged jar on Java 17, with the class-load log on: what a usual run must not load, because on a
 * small host loading it was most of the run (README "Speed"). No picocli class, nor the JDK classes its
 * built-in converters bring (java.sql, ObjectInputStream, UUID, Currency); no lambda of listns's, whose
 * first one alone costs the JVM its lambda machinery; no record method bootstrapped through
 * ObjectMethods. No lambda of listns's on the newest JDK either, whose native calls Java 17 does not
 * make. {@code --help}, which picocli still writes, works from the jar as before.
 */
@Timeout(120)
class LeanStartIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    /** {@code [0.012s][info][class,load] java.lang.Object source: shared objects file}. */
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: ");

    static Stream<List<String>> usualRuns() {
        return Stream.of(List.of("-l", "-o", "NS,TYPE", "-r"), List.of(), List.of("-t", "net"), List.of("-J"), List.of("-T"),
                // node_exporter's textfile, from a timer every minute
                List.of("--format", "prometheus"),
                List.of("-l", "-Q", "TYPE == \"net\" || COMMAND =~ \"^[[:alpha:]]+\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usualRuns")
    void usualRunLoadsNoPicocliClass(List<String> arguments) throws Exception {
        Run run = run(arguments);

        assertThat(run.exec().exitCode()).as("%s", run.exec()).isZero();
        assertThat(run.loaded()).as("classes loaded").contains("dev.listns.cli.ArgumentParser", "dev.listns.cli.ListnsCommand")
                .noneMatch(name -> name.startsWith("picocli."))
                .noneMatch(name -> name.startsWith("java.sql."))
                .doesNotContain("java.io.ObjectInputStream", "java.util.UUID", "java.util.Currency");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usualRuns")
    void usualRunSpinsNoLambdaOfListnsNorRecordMethods(List<String> arguments) throws Exception {
        Run run = run(arguments);

        assertThat(run.exec().exitCode()).as("%s", run.exec()).isZero();
        assertThat(run.loaded()).as("classes loaded").contains("dev.listns.scan.ProcessWalker")
                .noneMatch(name -> name.startsWith("dev.listns.") && name.contains("$$Lambda"))
                .doesNotContain("java.lang.runtime.ObjectMethods");
    }

    /**
     * The newest JDK runs what Java 17 does not: the native calls (java.lang.foreign) and the discoveries
     * that need them, which must spin no lambda of listns's either. The JDK's own linking of the native
     * call spins dozens, and records of its own, so only listns's classes are looked at.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("usualRuns")
    void usualRunOnTheNewestJdkSpinsNoLambdaOfListns(List<String> arguments) throws Exception {
        JarIT.Jdk newest = JarIT.newest().orElseThrow(() -> new AssertionError("no JDK under /usr/lib/jvm"));
        assertThat(newest.version().feature()).as("the newest JDK here, %s, has java.lang.foreign", newest)
                .isGreaterThanOrEqualTo(22);
        Run run = run(newest, arguments);

        assertThat(run.exec().exitCode()).as("%s", run.exec()).isZero();
        assertThat(run.loaded()).as("classes loaded")
                .contains("dev.listns.scan.ProcessWalker", "dev.listns.nativeaccess.ffm.Libc",
                        "dev.listns.nativeaccess.ffm.FfmNamespaceSyscalls")
                .noneMatch(name -> name.startsWith("dev.listns.") && name.contains("$$Lambda"));
    }

    /** What cron runs: the first run records, the second compares; neither loads picocli or spins a lambda of ours. */
    @Test
    void anAuditRunsLeanToo(@TempDir Path stateDir) throws Exception {
        String state = stateDir.resolve("audit.state").toString();
        for (int run = 1; run <= 2; run++) {
            Run audit = run(List.of("audit", "--state", state));

            assertThat(audit.exec().exitCode()).as("run %d: %s", run, audit.exec()).isIn(0, 1);
            assertThat(audit.loaded()).as("classes loaded by run %d", run).contains("dev.listns.cli.AuditCommand")
                    .noneMatch(name -> name.startsWith("picocli."))
                    .noneMatch(name -> name.startsWith("dev.listns.") && name.contains("$$Lambda"))
                    .doesNotContain("java.lang.runtime.ObjectMethods");
        }
    }

    /** What a script asks first: answered without picocli, as picocli would answer it. */
    @Test
    void versionAloneLoadsNoPicocliClass() throws Exception {
        Run run = run(List.of("--version"));

        assertThat(run.exec().exitCode()).as("%s", run.exec()).isZero();
        assertThat(run.exec().stdoutLines()).anySatisfy(line -> assertThat(line).startsWith("listns "));
        assertThat(run.loaded()).as("classes loaded").noneMatch(name -> name.startsWith("picocli."));
    }

    @Test
    void helpStillWorksFromTheJar() throws Exception {
        Run run = run(List.of("--help"));

        assertThat(run.exec().exitCode()).as("%s", run.exec()).isZero();
        assertThat(run.exec().stdout()).contains("Usage: listns ", "Exit codes:", "Examples:", "-T, --tree");
        assertThat(run.exec().stderr()).isEmpty();
        assertThat(run.loaded()).as("classes loaded").contains("picocli.CommandLine", "dev.listns.cli.ListnsCommandLine");
    }

    /** A run and the classes it loaded, by name. */
    private record Run(Commands.Exec exec, List<String> loaded) {
    }

    private static Run run(List<String> arguments) throws Exception {
        return run(JarIT.java17().orElseThrow(() -> new AssertionError("no Java 17 under /usr/lib/jvm: listns's release")),
                arguments);
    }

    private static Run run(JarIT.Jdk jdk, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-Xlog:class+load=info:stdout", "-jar",
                JarIT.jar().toString()));
        command.addAll(arguments);
        Commands.Exec exec = Commands.run(RUN_TIMEOUT, command, null);
        List<String> loaded = new ArrayList<>();
        for (String line : exec.stdoutLines()) {
            Matcher matcher = LOADED.matcher(line);
            if (matcher.find()) {
                loaded.add(matcher.group(1));
            }
        }
        assertThat(loaded).as("the class-load log").contains("java.lang.Object");
        return new Run(exec, loaded);
    }
}
