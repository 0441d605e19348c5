package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Container;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scan's end on real engines' data: the {@code /proc/PID/cgroup} (and podman's conmon command line)
 * recorded from a running container {@code web1} (src/test/resources/engines/*-recorded) gives the engine
 * and the id under which that engine filed the container's state in the same recording.
 */
class RecordedCgroupsTest {
    private final CgroupContainerMatcher matcher = new CgroupContainerMatcher();

    private static Path resource(String name) throws URISyntaxException {
        URL url = RecordedCgroupsTest.class.getResource("/engines/" + name);
        assertThat(url).as("test resource engines/" + name).isNotNull();
        return Path.of(url.toURI());
    }

    private static String text(String name) throws IOException, URISyntaxException {
        return Files.readString(resource(name), StandardCharsets.UTF_8);
    }

    /** The one directory the engine made for its container below {@code dir}: named by the container's id. */
    private static String filedAs(String dir) throws IOException, URISyntaxException {
        try (Stream<Path> entries = Files.list(resource(dir))) {
            List<String> names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
            assertThat(names).as("one recorded container in " + dir).hasSize(1);
            return names.get(0);
        }
    }

    @Test
    void dockerCgroupGivesTheIdOfItsConfigV2() throws Exception {
        String id = filedAs("docker-recorded/containers");
        assertThat(text("docker-recorded/containers/" + id + "/config.v2.json")).contains("\"ID\":\"" + id + "\"");

        assertThat(matcher.match(text("docker-recorded/proc-cgroup.txt"))).hasValue(new Container("docker", id));
    }

    @Test
    void podmanCgroupGivesTheIdOfItsContainersJson() throws Exception {
        String id = filedAs("podman-recorded/storage/overlay-containers");
        assertThat(text("podman-recorded/storage/overlay-containers/containers.json"))
                .contains("{\"id\":\"" + id + "\",\"names\":[\"web1\"]");

        assertThat(matcher.match(text("podman-recorded/proc-cgroup.txt"))).hasValue(new Container("podman", id));
    }

    @Test
    void podmanConmonCommandLineGivesTheSameId() throws Exception {
        String id = filedAs("podman-recorded/storage/overlay-containers");
        // argv as /proc/PID/cmdline holds it: each argument NUL-terminated; the scan joins it as rows show it.
        byte[] cmdline = (String.join("\0", text("podman-recorded/conmon-cmdline.txt").split("\n")) + "\0")
                .getBytes(StandardCharsets.UTF_8);
        String command = CommandLines.joinArguments(cmdline);
        Map<Integer, ContainerResolver.Candidate> processes = Map.of(
                1, new ContainerResolver.Candidate(0, "systemd", () -> "/sbin/init", "0::/init.scope"),
                400, new ContainerResolver.Candidate(1, "conmon", () -> command, "0::/libpod_parent/conmon"),
                401, new ContainerResolver.Candidate(400, "sleep", () -> "/bin/sleep 600", "0::/user.slice"));
        ContainerResolver resolver = new ContainerResolver(processes::get);

        assertThat(resolver.containerOf(401)).hasValue(new Container("podman", id));
        assertThat(resolver.supervisorOf(401).pid()).isEqualTo(400);
    }

    @Test
    void lxcCgroupGivesTheNameItsConfigIsFiledUnder() throws Exception {
        String name = filedAs("lxc-recorded/var/lib/lxc");

        assertThat(matcher.match(text("lxc-recorded/proc-cgroup.txt"))).hasValue(new Container("lxc", name));
        assertThat(name).isEqualTo("web1");
    }
}
