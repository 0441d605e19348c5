package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.HolderKind;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.scan.ProcFsScanner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * What listns must report about the processes of a real workload (a container, a sandbox), checked
 * the same way for every engine: through the scanner in-process, the table and the JSON output.
 */
final class WorkloadChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The container listns must name for a workload's processes: an engine and its id, or none. */
    record Expected(String engine, String id) {
        static final Expected NO_CONTAINER = new Expected("", "");

        boolean matches(Optional<Container> container) {
            return this.equals(NO_CONTAINER) ? container.isEmpty()
                    : container.filter(c -> c.engine().equals(engine) && c.id().equals(id)).isPresent();
        }

        boolean matches(JsonNode container) {
            return this.equals(NO_CONTAINER) ? container.isNull() || container.isMissingNode()
                    : container.path("engine").asText().equals(engine) && container.path("id").asText().equals(id);
        }
    }

    private WorkloadChecks() {
    }

    /** The namespace types in which {@code pid} is not where this JVM is: the workload's own namespaces. */
    static List<NamespaceType> ownTypes(long pid) {
        long self = ProcessHandle.current().pid();
        List<NamespaceType> own = Arrays.stream(NamespaceType.values())
                .filter(type -> Files.exists(Path.of("/proc", Long.toString(pid), "ns", type.label())))
                .filter(type -> !Sandbox.namespaceOf(pid, type).equals(Sandbox.namespaceOf(self, type)))
                .toList();
        assertThat(own).as("namespaces of %d that are not the test's own", pid).isNotEmpty();
        return own;
    }

    /**
     * In one scan, each of the first process's own namespaces is found, is not initial, and has each of
     * {@code pids} as a process holder in the expected container. Answers the scan.
     */
    static ScanResult assertScanned(List<Integer> pids, Expected container) throws Exception {
        List<NamespaceType> types = ownTypes(pids.get(0));
        ScanResult result = ProcFsScanner.forHost(true).scan();
        for (NamespaceType type : types) {
            NamespaceId id = Sandbox.namespaceOf(pids.get(0), type);
            Optional<Namespace> found = result.find(id);
            assertThat(found).as("%s of %d in the scan", id, pids.get(0)).isPresent();
            assertThat(found.get().initial()).as("%s is initial", id).isFalse();
            for (int pid : pids) {
                assertThat(found.get().holders()).as("holders of %s include process %d in %s", id, pid, container)
                        .anyMatch(h -> h.kind() == HolderKind.PROCESS && h.memberPid().orElse(-1) == pid
                                && h.process().map(p -> p.pid() == pid && container.matches(p.container())).orElse(false));
            }
        }
        return result;
    }

    /**
     * Every process in {@code pid}'s own namespaces, as the scan found them, is in the expected container:
     * nothing of the workload's is missing its label. Answers their PIDs, lowest first.
     */
    static List<Integer> assertEveryMember(ScanResult result, int pid, Expected container) {
        Set<Integer> members = new TreeSet<>();
        for (NamespaceType type : ownTypes(pid)) {
            NamespaceId id = Sandbox.namespaceOf(pid, type);
            for (Holder h : result.find(id).orElseThrow().holders()) {
                if (h.kind() == HolderKind.PROCESS) {
                    assertThat(h.process().map(p -> container.matches(p.container())).orElse(false))
                            .as("%s of %s is in %s", h, id, container).isTrue();
                    members.add(h.memberPid().orElseThrow());
                }
            }
        }
        return List.copyOf(members);
    }

    /** {@code listns -p PID} has a row for each of the process's own namespaces, saying {@code description}. */
    static void assertRows(int pid, String description) {
        Sandbox.Cli table = Sandbox.listns("-p", Integer.toString(pid));
        assertThat(table.exitCode()).as("%s", table).isZero();
        for (NamespaceType type : ownTypes(pid)) {
            Pattern row = Pattern.compile(" *" + pid + "  " + Pattern.quote(Sandbox.namespaceOf(pid, type).toString())
                    + " +" + Pattern.quote(description));
            assertThat(table.outLines()).as("%s", table).anyMatch(line -> row.matcher(line).matches());
        }
    }

    /** {@code listns -p PID -J}: every process holder that is the process names the expected container. */
    static void assertJson(int pid, Expected container) throws Exception {
        Sandbox.Cli cli = Sandbox.listns("-p", Integer.toString(pid), "-J");
        assertThat(cli.exitCode()).as("%s", cli).isZero();
        List<JsonNode> holders = StreamSupport.stream(JSON.readTree(cli.out()).get("namespaces").spliterator(), false)
                .flatMap(ns -> StreamSupport.stream(ns.get("holders").spliterator(), false))
                .filter(h -> h.path("pid").asInt() == pid && h.path("kind").asText().equals("process"))
                .toList();
        assertThat(holders).as("%s", cli).hasSizeGreaterThanOrEqualTo(ownTypes(pid).size())
                .allSatisfy(h -> assertThat(container.matches(h.path("container"))).as("container of %s", h).isTrue());
    }

    /** Every process in {@code pid}'s namespace of the given type, by host PID, lowest first. */
    static List<Integer> sameNamespace(int pid, NamespaceType type) {
        NamespaceId id = Sandbox.namespaceOf(pid, type);
        return ProcessHandle.allProcesses().map(p -> (int) p.pid())
                .filter(p -> {
                    try {
                        return Sandbox.link(Path.of("/proc", Integer.toString(p), "ns", type.label())).equals(id);
                    } catch (AssertionError gone) {
                        return false; // exited meanwhile, or a kernel thread's link we may not read
                    }
                })
                .sorted().toList();
    }
}
