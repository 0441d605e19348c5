package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.testing.Commands;
import dev.listns.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attack of issue 10, played by an unprivileged user this test creates: a mount namespace of that
 * user's, kept alive by an fd only, in which every program of the usual directories is a trap, /proc is
 * a fake copy, and a network namespace of the user's is bind-mounted; and a second such namespace
 * whose one process is chrooted, so that its table cannot be read through that process either (see
 * {@code src/test/resources/it/hostile-mount-namespace.sh}). Root then runs listns every way users do:
 * on every Java, in every output format, through the launcher, as an audit, and by both ways of reading
 * other mount namespaces' tables. No trap may run, and on Java 22+ the hidden network namespace must
 * still be found, with its bind mount as its holder.
 */
@Timeout(600)
class HostileNamespaceIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final Path SCRIPT = Path.of("src/test/resources/it/hostile-mount-namespace.sh").toAbsolutePath();

    private static Sandbox sandbox;
    private static Path attackerDir;
    private static String netId;
    private static String mntId;
    private static String jailedMntId;

    @BeforeAll
    static void anUnprivilegedUserPreparesTheTrap() throws Exception {
        Sandbox.assumeRoot();
        sandbox = new Sandbox();
        Sandbox.User user = sandbox.addUser("listns-eve");
        Path shared = sandbox.workDir();
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        attackerDir = shared.resolve("eve");
        Files.createDirectory(attackerDir);
        Commands.run(RUN_TIMEOUT, "chown", user.name() + ":" + user.name(), attackerDir.toString()).assertSuccess();

        sandbox.start(user.runAs(SCRIPT.toString(), attackerDir.toString()));
        // Copying a trap for each of a thousand programs takes a while on a busy machine.
        Sandbox.await("the attacker's namespace, held by an fd only", Duration.ofSeconds(240),
                () -> Optional.of(attackerDir.resolve("holding")).filter(Files::exists));
        netId = Files.readString(attackerDir.resolve("net-id")).strip();
        mntId = Files.readString(attackerDir.resolve("mnt-id")).strip();
        jailedMntId = Files.readString(attackerDir.resolve("jailed-mnt-id")).strip();
        assertThat(trapped()).as("the setup itself ran no trap").isEmpty();
    }

    @AfterAll
    static void cleanUp() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void noTrapHasRunYet() throws IOException {
        assertThat(trapped()).isEmpty();
    }

    static Stream<Arguments> jdksAndFormats() {
        List<List<String>> formats = List.of(List.of(), List.of("-J"), List.of("--format", "jsonl"),
                List.of("--format", "prometheus"), List.of("-T", "owner"), List.of("-a", "-v"));
        return JarIT.jdks().flatMap(jdk -> formats.stream().map(format -> Arguments.of(jdk, format)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdksAndFormats")
    void noTrapRunsAndTheHiddenNetworkNamespaceIsFoundOnJava22(JarIT.Jdk jdk, List<String> format) throws Exception {
        Commands.Exec run = listns(jdk, List.of(), format);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(trapped()).as("programs that ran inside the attacker's namespace").isEmpty();
        if (format.contains("prometheus")) {
            return; // counts only: nothing names a namespace
        }
        if (jdk.version().feature() >= 22) {
            assertThat(run.stdout()).as("%s", run).contains(netId).contains(attackerDir.resolve("hidden-net").toString());
            if (!format.contains("-T")) {
                // A tree shows a namespace's first holder only: here its chrooted member, not the bind mount.
                assertThat(run.stdout()).as("%s", run).contains(attackerDir.resolve("jailed-net").toString());
            }
        } else {
            assertThat(run.stdout()).as("%s", run).contains(mntId).doesNotContain(netId);
            assertThat(run.stderr()).contains("not looked for on Java 17").contains("bind mounts in mount namespaces");
        }
    }

    @Test
    void theThreadThatEntersTheNamespaceRunsNoTrapAndFindsTheBindMount() throws Exception {
        JarIT.Jdk jdk = JarIT.newest().orElseThrow();
        Commands.Exec run = listns(jdk, List.of("-Dlistns.mount-tables=enter"), List.of("-v", "-t", "net,mnt"));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(trapped()).isEmpty();
        assertThat(run.stderr()).contains("mount tables of other mount namespaces: read by a thread inside each");
        assertThat(run.stdoutLines()).as("%s", run)
                .anySatisfy(line -> assertThat(line).contains(netId)
                        .contains("bind mount " + attackerDir.resolve("hidden-net") + " in " + mntId))
                .anySatisfy(line -> assertThat(line)
                        .contains("bind mount " + attackerDir.resolve("jailed-net") + " in " + jailedMntId));
    }

    @Test
    void listmountReadsTheTableFromOutsideWhereTheKernelHasIt() throws Exception {
        JarIT.Jdk jdk = JarIT.newest().orElseThrow();
        Commands.Exec run = listns(jdk, List.of(), List.of("-v", "-t", "net,mnt"));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(trapped()).isEmpty();
        assertThat(run.stdoutLines()).as("%s", run)
                .anySatisfy(line -> assertThat(line).contains(netId)
                        .contains("bind mount " + attackerDir.resolve("hidden-net") + " in " + mntId))
                .anySatisfy(line -> assertThat(line)
                        .contains("bind mount " + attackerDir.resolve("jailed-net") + " in " + jailedMntId));
        // Which way was taken depends on the kernel (6.11+ has what listmount needs); -v says which.
        assertThat(run.stderr()).containsPattern("mount tables of other mount namespaces: (listmount|read by a thread)");
    }

    @Test
    void theLauncherRunsNoTrap() throws Exception {
        Path cache = sandbox.workDir().resolve("launcher-cache");
        Commands.Exec run = Commands.run(Duration.ofSeconds(180), List.of(Path.of("bin/listns").toAbsolutePath().toString(),
                "-t", "net"), null, environment -> environment.put("LISTNS_CACHE", cache.toString()));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(trapped()).isEmpty();
        assertThat(run.stdout()).as("%s", run).contains(netId);
    }

    @Test
    void anAuditRunsNoTrapAndRecordsTheHiddenNamespace() throws Exception {
        Path state = sandbox.workDir().resolve("audit.state");
        for (JarIT.Jdk jdk : JarIT.jdks().toList()) {
            Files.deleteIfExists(state);
            Commands.Exec first = listns(jdk, List.of(), List.of("audit", "--state", state.toString()));
            Commands.Exec second = listns(jdk, List.of(), List.of("audit", "--state", state.toString()));

            assertThat(first.exitCode()).as("%s", first).isZero();
            // 1 when other namespaces on the host came or went between the two runs.
            assertThat(second.exitCode()).as("%s", second).isIn(ExitCodes.OK, ExitCodes.FAILURE_OR_CHANGED);
            assertThat(trapped()).as("%s", jdk).isEmpty();
            String recorded = Files.readString(state, StandardCharsets.ISO_8859_1);
            assertThat(recorded).contains(Long.toString(inode(mntId)));
            if (jdk.version().feature() >= 22) {
                assertThat(recorded).contains(Long.toString(inode(netId)));
            }
        }
    }

    private static Commands.Exec listns(JarIT.Jdk jdk, List<String> jvmOptions, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JarIT.jar().toString());
        command.addAll(arguments);
        return Commands.run(RUN_TIMEOUT, command, null);
    }

    private static long inode(String id) {
        return Long.parseLong(id.substring(id.indexOf('[') + 1, id.indexOf(']')));
    }

    /** What the traps wrote: each line a program that ran inside the attacker's namespace. */
    private static String trapped() throws IOException {
        Path proof = attackerDir.resolve("proof").resolve("trapped");
        return Files.exists(proof) ? Files.readString(proof, StandardCharsets.ISO_8859_1) : "";
    }
}
