package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.testing.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real podman container with a name (rootful, runtime runc), and the packaged jar as root runs it, on
 * Java 17 and the newest JDK: the table shows {@code [podman:NAME]}, JSON its name, {@code -v} says how
 * the names were found. The JSON parser that reads podman's state is loaded only because of that
 * container: in a PID namespace of its own, where listns sees no container, none of its classes load.
 */
@Timeout(600)
class ContainerNamesIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    private static final Path SCRIPT = Path.of("src/test/resources/it/podman-container.sh").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Sandbox sandbox;
    private static String name;
    private static int pid;
    private static String containerId;

    @BeforeAll
    static void startANamedContainer() throws Exception {
        Sandbox.assumeRoot();
        sandbox = new Sandbox();
        name = Sandbox.uniqueName("listns-web");
        sandbox.onClose("podman-container.sh stop " + name, () -> Commands.run(RUN_TIMEOUT, "bash", SCRIPT.toString(), "stop", name)
                .assertSuccess());
        Commands.Exec start = Commands.run(Duration.ofSeconds(240), "bash", SCRIPT.toString(), "start", name);
        assumeTrue(start.exitCode() != 3, () -> "cannot run podman here: " + start.stderr().strip());
        assertThat(start.exitCode()).as("podman-container.sh start: %s", start).isZero();
        String[] answer = start.stdout().strip().split(" ");
        pid = Integer.parseInt(answer[0]);
        containerId = answer[1];
    }

    @AfterAll
    static void cleanUp() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    static Stream<JarIT.Jdk> jdks() {
        return JarIT.jdks();
    }

    private static Commands.Exec listns(JarIT.Jdk jdk, List<String> jvmOptions, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JarIT.jar().toString()));
        command.addAll(List.of(arguments));
        return Commands.run(RUN_TIMEOUT, command.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theTableShowsThePodmanName(JarIT.Jdk jdk) throws Exception {
        Commands.Exec run = listns(jdk, List.of(), "-p", Integer.toString(pid), "-v");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdoutLines()).as("%s", run).filteredOn(line -> line.trim().startsWith(pid + " "))
                .isNotEmpty().allSatisfy(line -> assertThat(line).endsWith("[podman:" + name + "] /bin/sleep 600"));
        assertThat(run.stderr()).containsPattern("container names: [1-9][0-9]* of [1-9][0-9]* containers named");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void jsonCarriesTheName(JarIT.Jdk jdk) throws Exception {
        Commands.Exec run = listns(jdk, List.of(), "-p", Integer.toString(pid), "-J");

        assertThat(run.exitCode()).as("%s", run).isZero();
        List<JsonNode> containers = StreamSupport.stream(JSON.readTree(run.stdout()).get("namespaces").spliterator(), false)
                .flatMap(ns -> StreamSupport.stream(ns.get("holders").spliterator(), false))
                .filter(h -> h.path("pid").asInt() == pid).map(h -> h.get("container")).toList();
        assertThat(containers).as("%s", run).isNotEmpty().allSatisfy(c -> {
            assertThat(c.get("engine").asText()).isEqualTo("podman");
            assertThat(c.get("id").asText()).isEqualTo(containerId);
            assertThat(c.get("name").asText()).isEqualTo(name);
            assertThat(c.get("label").asText()).isEqualTo("podman:" + name);
            assertThat(c.get("pod").isNull()).isTrue();
            assertThat(c.get("labels").isObject()).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theJsonParserLoadsOnlyWhenAContainerIsFound(JarIT.Jdk jdk) throws Exception {
        assumeTrue(Commands.onPath("unshare"), "unshare (util-linux) not installed");
        List<String> loadLog = List.of("-Xlog:class+load=info:stdout");

        // A PID namespace of its own with its own /proc: the host as listns sees it has no container.
        List<String> alone = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", jdk.java().toString()));
        alone.addAll(loadLog);
        alone.addAll(List.of("-jar", JarIT.jar().toString()));
        Commands.Exec withoutContainer = Commands.run(RUN_TIMEOUT, alone.toArray(String[]::new));
        Commands.Exec withContainer = listns(jdk, loadLog);

        assertThat(withoutContainer.exitCode()).as("%s", withoutContainer).isZero();
        assertThat(withoutContainer.stdout()).as("%s", withoutContainer).contains("dev.listns.scan.ProcFsScanner")
                .doesNotContain("com.fasterxml.jackson").doesNotContain("dev.listns.containers.");
        assertThat(withContainer.exitCode()).as("%s", withContainer).isZero();
        assertThat(withContainer.stdout()).contains("dev.listns.containers.JsonReader")
                .contains("dev.listns.containers.PodmanRecords").contains("[podman:" + name + "]")
                .as("no JSON library: listns reads engines' JSON itself").doesNotContain("com.fasterxml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void auditLinesShowTheName(JarIT.Jdk jdk) throws Exception {
        Path state = sandbox.workDir().resolve("audit-" + jdk.version().feature() + ".state");
        Files.deleteIfExists(state);
        // A state with no namespaces: everything on the host, the container too, appears.
        Files.writeString(state, "listns-audit-state 1\nboot " + Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip()
                + "\nend 0\n");
        Files.setPosixFilePermissions(state, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        Commands.Exec run = listns(jdk, List.of(), "audit", "--state", state.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stdoutLines()).as("%s", run).anySatisfy(line ->
                assertThat(line).startsWith("+ uts:[").endsWith(" process [podman:" + name + "] /bin/sleep 600"));
        assertThat(Files.readString(state)).contains("\ncontainer podman " + containerId + " " + name + " - -\n");
    }
}
