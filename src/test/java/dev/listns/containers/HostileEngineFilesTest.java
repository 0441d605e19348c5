package dev.listns.containers;

import static dev.listns.containers.EngineFormatsTest.PODMAN_ID;
import static dev.listns.containers.EngineFormatsTest.PODMAN_LIST;
import static dev.listns.containers.FakeEngineHost.ROOT_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.listns.model.Container;
import dev.listns.output.JsonModel;
import dev.listns.output.Json;
import dev.listns.output.TerminalSafe;
import dev.listns.model.ProcessInfo;
import dev.listns.scan.ContainerNamer;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engines' files are written by other programs, a rootless user's by that user: here the tests
 * play that user. Whatever is planted, the answer is "no name" (or a name shown escaped), never an
 * exception, never a file outside the engine's directory, never a wait beyond the time limit.
 */
class HostileEngineFilesTest {
    private static final String ALICE_LIST = "/home/alice/.local/share/containers/storage/overlay-containers/containers.json";
    private static final Container PODMAN = new Container("podman", PODMAN_ID);

    @TempDir
    Path dir;
    FakeEngineHost host;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        host = new FakeEngineHost(dir).aliceAtHome();
    }

    @AfterEach
    void releaseStalledReads() {
        release.countDown();
    }

    static List<StateFileReader> readers() {
        return FakeEngineHost.readers().toList();
    }

    /** A list that would name the container {@code name}, as the attacker wants it read. */
    private static String listNaming(String name) {
        return "[{\"id\":\"" + PODMAN_ID + "\",\"names\":[\"" + name + "\"]}]";
    }

    private Optional<Container> alices(StateFileReader reader) {
        return host.name(reader, PODMAN, host.me());
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aSymbolicLinkAtTheFileIsNotFollowed(StateFileReader reader) throws Exception {
        Path secret = host.put("/root/secret.json", listNaming("SECRET"));
        Files.createDirectories(host.path(ALICE_LIST).getParent());
        Files.createSymbolicLink(host.path(ALICE_LIST), secret);

        assertThat(alices(reader)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aSymbolicLinkInADirectoryOnThePathIsNotFollowed(StateFileReader reader) throws Exception {
        host.put("/root/store/overlay-containers/containers.json", listNaming("SECRET"));
        Files.createDirectories(host.path("/home/alice/.local/share/containers"));
        Files.createSymbolicLink(host.path("/home/alice/.local/share/containers/storage"), host.path("/root/store"));

        assertThat(alices(reader)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aHomeThatIsASymbolicLinkIsNotFollowed(StateFileReader reader) throws Exception {
        host.put("/root/home/.local/share/containers/storage/overlay-containers/containers.json", listNaming("SECRET"));
        Files.createDirectories(host.path("/home"));
        Files.createSymbolicLink(host.path("/home/alice"), host.path("/root/home"));

        assertThat(alices(reader)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void theRealFileIsReadWhereTheLinkWas(StateFileReader reader) {
        host.put(ALICE_LIST, listNaming("web1"));

        assertThat(alices(reader)).as("the control: the same path, a plain file").map(Container::label).hasValue("podman:web1");
    }

    @ParameterizedTest
    @MethodSource("readers")
    @Timeout(10)
    void aFifoIsNotWaitedOn(StateFileReader reader) throws Exception {
        Files.createDirectories(host.path(ALICE_LIST).getParent());
        Path fifo = host.path(ALICE_LIST);
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo failed");

        long start = System.nanoTime();
        assertThat(alices(reader)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aSecondHardLinkIsRefused(StateFileReader reader) throws Exception {
        Path list = host.put(ALICE_LIST, listNaming("web1"));
        Files.createLink(host.path("/home/alice/other-name"), list);

        assertThat(alices(reader)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aFileOfAnotherOwnerIsRefused(StateFileReader reader) throws Exception {
        assumeTrue(host.me() == 0, "only root can give a file to another user");
        Path list = host.put(ALICE_LIST, listNaming("web1"));
        Files.setAttribute(list, "unix:uid", 65534);

        assertThat(alices(reader)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aHugeFileIsNotRead(StateFileReader reader) throws Exception {
        Path list = host.put(ALICE_LIST, listNaming("web1"));
        try (RandomAccessFile file = new RandomAccessFile(list.toFile(), "rw")) {
            file.setLength(Lookup.STORE_LIMIT + 1L); // sparse: costs no disk
        }

        assertThat(alices(reader)).isEmpty();
    }

    static List<String> malformed() {
        String deep = "[".repeat(100_000);
        return List.of("", "not json", listNaming("web1").substring(0, 50), "{\"id\":\"" + PODMAN_ID + "\"}",
                "[{\"id\":\"" + PODMAN_ID + "\",\"names\":\"web1\"}]", "[{\"id\":7,\"names\":[\"web1\"]}]",
                "[{\"id\":\"" + PODMAN_ID + "\",\"names\":[{\"a\":1}]}]", deep, "[" + deep.substring(1) + "]",
                "[{\"id\":\"" + PODMAN_ID + "\",\"id\":\"" + PODMAN_ID + "\",\"names\":[\"web1\"]}]",
                "[{\"id\":\"" + PODMAN_ID + "\",\"names\":[\"" + "x".repeat(Found.MAX_NAME + 1) + "\"]}]",
                "[{\"id\":\"" + PODMAN_ID + "\",\"names\":[\"\"]}]");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedJsonNamesNothing(String content) {
        host.put(PODMAN_LIST, content);

        assertThat(host.name(new JavaStateFileReader(), PODMAN, ROOT_UID)).isEmpty();
    }

    @Test
    void malformedDockerAndOciFilesNameNothing() {
        String id = EngineFormatsTest.DOCKER_K8S_ID;
        host.put("/var/lib/docker/containers/" + id + "/config.v2.json", "{\"ID\":\"" + id + "\",\"Name\":[\"/x\"]}");
        host.put(EngineFormatsTest.TASKS + "/k8s.io/" + id + "/config.json", "{\"annotations\":{\"io.kubernetes.cri.sandbox-name\":1}}");
        host.put("/var/lib/containers/storage/overlay-containers/" + id + "/userdata/config.json",
                "{\"annotations\":{\"io.kubernetes.pod.name\":\"p\",\"io.kubernetes.cri-o.Labels\":\"{not json\"}}");

        StateFileReader reader = new JavaStateFileReader();
        assertThat(host.name(reader, new Container("docker", id), ROOT_UID)).isEmpty();
        assertThat(host.name(reader, new Container("containerd", id), ROOT_UID)).isEmpty();
        assertThat(host.name(reader, new Container("cri-o", id), ROOT_UID)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void hostileNamesAreKeptAndEscapedOnOutput(StateFileReader reader) {
        byte[] prefix = ("[{\"id\":\"" + PODMAN_ID + "\",\"names\":[\"\\u001b[31mred\\u202e").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = {(byte) 0xff, (byte) 0xc3, '('};
        byte[] suffix = "\n\"]}]".replace("\n", "\\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + invalid.length + suffix.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(invalid, 0, content, prefix.length, invalid.length);
        System.arraycopy(suffix, 0, content, prefix.length + invalid.length, suffix.length);
        host.put(PODMAN_LIST, content);

        Container named = host.name(reader, PODMAN, ROOT_UID).orElseThrow();

        assertThat(TerminalSafe.escape(named.label())).isEqualTo("podman:\\x1b[31mred\\u202e\\xff\\xc3(\\x0a");
        ProcessInfo process = new ProcessInfo(7, 1, "sleep", "sleep 1", 1, Optional.of(named));
        String json = Json.compact(JsonModel.process(process));
        assertThat(json).contains("\"name\":\"\\\\x1b[31mred\\\\u202e\\\\xff\\\\xc3(\\\\x0a\"")
                .doesNotContain("\u001b").doesNotContain("\u202e");
    }

    static List<Container> pathLikeIds() {
        return List.of(new Container("lxc", ".."), new Container("lxc", "."), new Container("nspawn", "../../etc/passwd"),
                new Container("containerd", "../k8s.io"), new Container("podman", ""));
    }

    @ParameterizedTest
    @MethodSource("pathLikeIds")
    void idsThatAreNoPlainNameReadNothing(Container container) {
        host.put("/var/lib/lxc/config", "lxc.uts.name = x\n");
        host.put("/var/lib/config", "x");
        host.put("/run/systemd/machines/x", "NAME=..\nCLASS=container\n");

        assertThat(host.name(new JavaStateFileReader(), container, ROOT_UID)).isEmpty();
    }

    @Test
    void homesThatAreNotPlainAbsolutePathsAreIgnored() {
        assertThat(UserHomes.parse("a:x:1:1::relative/home:/bin/sh\nb:x:2:2::/home/../root:/bin/sh\nc:x:3:3::/:/bin/sh\n"
                + "d:x:4:4::/home/d/:/bin/sh\ne:x:5:5::/home//e:/bin/sh\nf:x:6:6::/home/f\0x:/bin/sh\ng:x:notanumber:7::/home/g:/bin/sh\n"
                + "h:x:8:8::/home/h:/bin/sh\nbroken line\n"))
                .containsOnlyKeys(8).containsEntry(8, new UserHomes.Home("/home", List.of("h")));
    }

    @Test
    @Timeout(20)
    void aReadThatNeverAnswersCostsTheTimeLimitAndOnlyItsOwnersNames() {
        host.put(PODMAN_LIST, listNaming("roots"));
        host.put(ALICE_LIST, listNaming("alices"));
        StateFileReader java = new JavaStateFileReader();
        // alice's home stands for a FUSE file system that never answers.
        StateFileReader stalling = (base, names, owner, limit) -> {
            if (owner == host.me() && names.contains(".local")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
            return java.read(base, names, owner, limit);
        };
        Container alices = new Container("podman", "a".repeat(64));
        EngineRecords records = new EngineRecords(host.paths(), stalling, Duration.ofMillis(300));

        long start = System.nanoTime();
        ContainerNamer.Naming naming = records.name(List.of(
                new ContainerNamer.Sighting(alices, host.me(), Optional.empty()),
                new ContainerNamer.Sighting(PODMAN, ROOT_UID, Optional.empty())));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("waited for the stalled owner until the limit").isGreaterThanOrEqualTo(Duration.ofMillis(250))
                .isLessThan(Duration.ofSeconds(5));
        assertThat(naming.named()).containsOnlyKeys(PODMAN);
        assertThat(naming.notes()).anyMatch(n -> n.contains("gave up after 300 ms on 1 owner(s)"));
    }
}
