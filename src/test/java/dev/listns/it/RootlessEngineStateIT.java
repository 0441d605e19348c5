package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.testing.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An unprivileged user runs what looks to listns like a rootless podman container (a process named
 * {@code conmon -c ID} whose child is in namespaces of its own: all a rootless podman container shows
 * from outside), so listns, as root, reads that user's podman storage in their home for its name. The
 * user plants symbolic links there to a root-only file that would name the container {@code
 * SECRET-…}: at the file, and at a directory on its path. listns must not read it, on any Java; with a
 * plain file of the user's own in the same place, the name is found, which shows the path was tried.
 */
@Timeout(600)
class RootlessEngineStateIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Sandbox sandbox;
    private static String user;
    private static Path home;
    private static Path secretList;
    private static Path secretStore;
    private static String containerId;
    private static long sleepPid;
    private static String secretName;

    @BeforeAll
    static void aUserRunsARootlessContainer() throws Exception {
        Sandbox.assumeRoot();
        assumeTrue(Commands.onPath("setpriv") && Commands.onPath("useradd") && Commands.onPath("unshare"),
                "setpriv, useradd or unshare not installed");
        sandbox = new Sandbox();
        Path shared = sandbox.workDir();
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        user = Sandbox.uniqueName("listns-rl");
        home = shared.resolve(user);
        Commands.run(RUN_TIMEOUT, "useradd", "--no-create-home", "--home-dir", home.toString(), "--shell",
                "/usr/sbin/nologin", user).assertSuccess();
        sandbox.onClose("userdel " + user, () -> Commands.run(RUN_TIMEOUT, "userdel", user));
        Files.createDirectory(home);
        Commands.run(RUN_TIMEOUT, "chown", user + ":" + user, home.toString()).assertSuccess();

        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        containerId = HexFormat.of().formatHex(random);
        secretName = Sandbox.uniqueName("SECRET");
        // Root's, in a directory only root may enter: what the user wants root to read for them.
        Path secrets = Files.createDirectory(shared.resolve("root-only"));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
        secretList = secrets.resolve("containers.json");
        Files.writeString(secretList, list(secretName));
        secretStore = Files.createDirectories(secrets.resolve("store/overlay-containers")).getParent();
        Files.writeString(secretStore.resolve("overlay-containers/containers.json"), list(secretName));

        // conmon's name and "-c ID" are what podman's supervisor shows; bash stands in for it.
        Path bin = Files.createDirectory(shared.resolve("bin"));
        Path conmon = Files.copy(Path.of("/bin/bash"), bin.resolve("conmon"));
        Files.setPosixFilePermissions(conmon, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process process = sandbox.start("setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups",
                conmon.toString(), "-c", "unshare --user --map-root-user sleep 600; true", "-c", containerId).process();
        sleepPid = Sandbox.awaitChild(process, "sleep").pid();
    }

    @AfterAll
    static void cleanUp() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String list(String name) {
        return "[{\"id\":\"" + containerId + "\",\"names\":[\"" + name + "\"]}]";
    }

    /** Runs {@code script} as the user, in their home. */
    private static void asTheUser(String script) throws Exception {
        Commands.run(RUN_TIMEOUT, "setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups", "sh", "-c",
                "cd \"$0\" && " + script, home.toString()).assertSuccess();
    }

    private static final String STORE = ".local/share/containers/storage";

    static Stream<JarIT.Jdk> jdks() {
        return JarIT.jdks();
    }

    /** The container of the user's sleep, as listns -J shows it, and the whole output. */
    private static JsonNode container(JarIT.Jdk jdk, Commands.Exec[] output) throws Exception {
        Commands.Exec run = Commands.run(RUN_TIMEOUT, jdk.java().toString(), "-jar", JarIT.jar().toString(),
                "-p", Long.toString(sleepPid), "-J");
        output[0] = run;
        assertThat(run.exitCode()).as("%s", run).isZero();
        List<JsonNode> containers = StreamSupport.stream(JSON.readTree(run.stdout()).get("namespaces").spliterator(), false)
                .flatMap(ns -> StreamSupport.stream(ns.get("holders").spliterator(), false))
                .filter(h -> h.path("pid").asLong() == sleepPid).map(h -> h.get("container")).toList();
        assertThat(containers).as("%s", run).isNotEmpty();
        assertThat(containers.get(0).get("engine").asText()).isEqualTo("podman");
        assertThat(containers.get(0).get("id").asText()).isEqualTo(containerId);
        return containers.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aLinkAtTheFileToARootOnlyFileIsNotRead(JarIT.Jdk jdk) throws Exception {
        asTheUser("rm -rf .local && mkdir -p " + STORE + "/overlay-containers && ln -s " + secretList + " " + STORE
                + "/overlay-containers/containers.json");
        Commands.Exec[] run = new Commands.Exec[1];

        JsonNode container = container(jdk, run);

        assertThat(container.get("name").isNull()).as("%s", run[0]).isTrue();
        assertThat(run[0].stdout()).doesNotContain(secretName);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aLinkAtADirectoryOnThePathIsNotFollowed(JarIT.Jdk jdk) throws Exception {
        asTheUser("rm -rf .local && mkdir -p .local/share/containers && ln -s " + secretStore + " " + STORE);
        Commands.Exec[] run = new Commands.Exec[1];

        JsonNode container = container(jdk, run);

        assertThat(container.get("name").isNull()).as("%s", run[0]).isTrue();
        assertThat(run[0].stdout()).doesNotContain(secretName);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theUsersOwnFileThereNamesTheContainer(JarIT.Jdk jdk) throws Exception {
        asTheUser("rm -rf .local && mkdir -p " + STORE + "/overlay-containers && printf '%s' '" + list("alices-web")
                + "' > " + STORE + "/overlay-containers/containers.json");
        Commands.Exec[] run = new Commands.Exec[1];

        JsonNode container = container(jdk, run);

        assertThat(container.get("name").asText()).as("%s", run[0]).isEqualTo("alices-web");
        assertThat(container.get("label").asText()).isEqualTo("podman:alices-web");
    }
}
