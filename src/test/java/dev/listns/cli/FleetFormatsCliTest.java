package dev.listns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.output.Promtool;
import dev.listns.testing.FakeProc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --format jsonl and --format prometheus end to end, over a fake /proc so every count is known. */
class FleetFormatsCliTest extends CliTestBase {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final String BOOT_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final String CONTAINER = "ab12".repeat(16);
    private static final String DOCKER_SCOPE = "/system.slice/docker-" + CONTAINER + ".scope";
    /** The container's own namespaces, by link; it shares only user and time with the host. */
    private static final Map<String, Long> CONTAINER_NAMESPACES = Map.of("net", 4026532200L, "mnt", 4026532201L,
            "uts", 4026532202L, "ipc", 4026532203L, "pid", 4026532204L, "pid_for_children", 4026532204L,
            "cgroup", 4026532205L);

    @TempDir
    Path temp;
    private FakeProc proc;
    private Path metricsDir;

    /**
     * Host processes 1 and 2 (kthreadd, which gives the initial namespaces), process 100 alone in a network
     * namespace, 200 and 201 in a docker container: 8 initial namespaces and 7 others.
     */
    @BeforeEach
    void setUp() throws IOException {
        proc = new FakeProc(temp);
        proc.process(1).ppid(0).comm("systemd").cmdline("systemd", "--fake").cgroup("0::/init.scope")
                .initialNamespaces();
        proc.process(2).ppid(0).comm("kthreadd").cmdline("kthreadd", "--fake").cgroup("0::/").initialNamespaces();
        proc.process(100).ppid(1).comm("sleep").cmdline("sleep", "--fake").cgroup("0::/user.slice")
                .initialNamespaces().ns("net", 4026532100L);
        FakeProc.Process nginx = proc.process(200).ppid(1).comm("nginx").cmdline("nginx", "--fake")
                .cgroup("0::" + DOCKER_SCOPE).initialNamespaces();
        FakeProc.Process worker = proc.process(201).ppid(200).comm("nginx").cmdline("nginx", "--fake")
                .cgroup("0::" + DOCKER_SCOPE).initialNamespaces();
        CONTAINER_NAMESPACES.forEach(nginx::ns);
        CONTAINER_NAMESPACES.forEach(worker::ns);
        proc.self(1);
        Path bootId = Files.createDirectories(proc.root().resolve("sys/kernel/random")).resolve("boot_id");
        Files.writeString(bootId, BOOT_ID + "\n");
        metricsDir = Files.createDirectories(temp.resolve("textfile_collector"));
    }

    /** Runs listns over the fake tree, with an empty netns directory. */
    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--proc-root", proc.root().toString(),
                "--netns-dir", proc.netnsDir().toString()));
        all.addAll(Arrays.asList(args));
        return execute(all.toArray(String[]::new));
    }

    private List<JsonNode> jsonl(String... args) throws IOException {
        assertThat(run(args)).as(err.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            lines.add(JACKSON.readTree(line));
        }
        return lines;
    }

    @Test
    void jsonlGivesOneLinePerNonInitialNamespace() throws IOException {
        List<JsonNode> lines = jsonl("--format", "jsonl");

        assertThat(out.toString()).endsWith("\n");
        assertThat(lines).hasSize(7).allSatisfy(line -> {
            assertThat(line.get("version").asInt()).isEqualTo(1);
            assertThat(line.get("boot_id").asText()).isEqualTo(BOOT_ID);
            assertThat(line.get("scanned_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(line.get("initial").asBoolean()).isFalse();
        });
        JsonNode net = lines.stream().filter(l -> l.get("id").asText().equals("net:[4026532200]")).findFirst().orElseThrow();
        assertThat(net.get("processes")).extracting(JsonNode::asInt).containsExactly(200, 201);
        assertThat(net.get("holders").get(0).get("container").get("engine").asText()).isEqualTo("docker");
    }

    @Test
    void jsonlHonoursTheTableFilters() throws IOException {
        assertThat(jsonl("--format", "jsonl", "-t", "net")).hasSize(2)
                .allMatch(line -> line.get("type").asText().equals("net"));
        assertThat(jsonl("--format", "jsonl", "-a")).hasSize(15);
        assertThat(jsonl("--format", "jsonl", "-p", "100")).extracting(line -> line.get("id").asText())
                .containsExactly("net:[4026532100]");
    }

    @Test
    void prometheusToAFileIsAtomicAndWorldReadable() throws Exception {
        Path file = metricsDir.resolve("listns.prom");

        assertThat(run("--format", "prometheus", "--output-file", file.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (Stream<Path> files = Files.list(metricsDir)) {
            assertThat(files).containsExactly(file);
        }
        String text = Files.readString(file);
        assertThat(text).contains("listns_namespaces{initial=\"false\",type=\"net\"} 2\n")
                .contains("listns_namespaces{initial=\"true\",type=\"net\"} 1\n")
                .contains("listns_namespaces_by_engine{engine=\"docker\"} 6\n")
                .contains("listns_namespaces_by_engine{engine=\"none\"} 1\n")
                .contains("listns_holders{initial=\"false\",kind=\"process\"} 13\n")
                .contains("listns_scan_partial 0\n")
                .contains("listns_build_info{version=\"");
    }

    @Test
    void promtoolAcceptsTheWrittenFile() throws Exception {
        Path file = metricsDir.resolve("listns.prom");

        assertThat(run("--format", "prometheus", "--output-file", file.toString())).as(err.toString()).isZero();

        Promtool.assertAccepts(Files.readString(file));
    }

    @Test
    void prometheusReplacesAnOldFileWithTheRightMode() throws IOException {
        Path file = metricsDir.resolve("listns.prom");
        Files.writeString(file, "stale\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThat(run("--format", "prometheus", "--output-file", file.toString())).as(err.toString()).isZero();

        assertThat(Files.readString(file)).startsWith("# HELP listns_build_info ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (Stream<Path> files = Files.list(metricsDir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void prometheusCountsEverythingWhateverTheFilters() {
        assertThat(run("--format", "prometheus")).as(err.toString()).isZero();
        String unfiltered = withoutTimings(out.toString());

        assertThat(run("--format", "prometheus", "-t", "mnt", "-p", "99999")).as(err.toString()).isZero();

        assertThat(withoutTimings(out.toString())).isEqualTo(unfiltered);
    }

    @Test
    void prometheusIntoAMissingDirectoryFailsAndSaysWhy() {
        Path file = temp.resolve("no-such-dir").resolve("listns.prom");

        assertThat(run("--format", "prometheus", "--output-file", file.toString())).isEqualTo(ExitCodes.FAILURE_OR_CHANGED);

        assertThat(err.toString()).contains("cannot write " + file);
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void prometheusIntoADirectoryOthersMayWriteIsRefusedOnOneLine() throws IOException {
        // There another user could swap the temporary file for a link to /etc/shadow before root writes or chmods it.
        Files.setPosixFilePermissions(metricsDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = metricsDir.resolve("listns.prom");

        assertThat(run("--format", "prometheus", "--output-file", file.toString())).isEqualTo(ExitCodes.FAILURE_OR_CHANGED);

        assertNoOutput(out);
        assertThat(errorLines()).containsExactly("listns: cannot write " + file + ": directory " + metricsDir.toRealPath()
                + " is writable by group or others (mode 777) and not sticky");
        try (Stream<Path> files = Files.list(metricsDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void prometheusOverALinkPlantedAtTheTargetReplacesTheLinkOnly() throws IOException {
        Path victim = Files.writeString(temp.resolve("victim"), "precious\n");
        Path file = Files.createSymbolicLink(metricsDir.resolve("listns.prom"), victim);

        assertThat(run("--format", "prometheus", "--output-file", file.toString())).as(err.toString()).isZero();

        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readString(file)).startsWith("# HELP listns_build_info ");
    }

    private static String withoutTimings(String metrics) {
        return metrics.replaceAll("(?m)^listns_scan_(duration|timestamp)_seconds .*$", "");
    }
}
