package dev.listns.cli;

import static dev.listns.testing.FakeProc.initial;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.columns.Column;
import dev.listns.testing.FakeProc;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** lsns's options on a fake host: -l, -o, --output-all, -H, -r, -J with columns, -n, -u, -W, -P, -T. */
class ColumnsCliTest extends CliTestBase {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final long NET_WEB = 4026532010L;
    private static final long UTS_WEB = 4026532020L;
    private static final long NET_SLEEP = 4026532005L;
    private static final long NET_BOUND = 4026533001L;
    private static final String LONG_COMMAND = "python3 -m http.server --directory /srv/www/some/rather/long/path";

    @TempDir
    Path tempDir;

    FakeProc proc;
    private int uid;

    /**
     * init, kthreadd and listns (300); nginx (500) and its worker (510) in a network and a UTS namespace;
     * a sleep (520) in another network namespace; a network namespace only bind-mounted, twice, in
     * listns's mount namespace.
     */
    @BeforeEach
    void fakeHost() throws Exception {
        proc = new FakeProc(tempDir);
        proc.process(1).comm("systemd").ppid(0).cmdline("/sbin/init").initialNamespaces().root("/");
        proc.process(2).comm("kthreadd").ppid(0).initialNamespaces().root("/");
        proc.process(300).comm("java").cmdline("java", "-jar", "listns.jar").initialNamespaces().root("/").mountinfo(
                "22 1 0:21 / /proc rw,nosuid - proc proc rw",
                "45 30 0:4 net:[" + NET_BOUND + "] /run/netns/blue rw - nsfs nsfs rw",
                "46 30 0:4 net:[" + NET_BOUND + "] /srv/keep rw - nsfs nsfs rw");
        proc.self(300);
        proc.process(500).comm("nginx").cmdline("nginx", "-g", "daemon off;").initialNamespaces()
                .ns("net", NET_WEB).ns("uts", UTS_WEB);
        proc.process(510).comm("nginx").ppid(500).cmdline("nginx: worker process").initialNamespaces()
                .ns("net", NET_WEB).ns("uts", UTS_WEB);
        proc.process(520).comm("sleep").cmdline("sleep", "600").initialNamespaces().ns("net", NET_SLEEP);
        uid = ((Number) Files.getAttribute(proc.root().resolve("500"), "unix:uid")).intValue();
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--proc-root", proc.root().toString(),
                "--netns-dir", proc.netnsDir().toString(), "--passwd", passwd().toString()));
        all.addAll(Arrays.asList(args));
        return execute(all.toArray(String[]::new));
    }

    /** A passwd file naming the user who owns the fake tree. */
    private Path passwd() {
        Path file = tempDir.resolve("passwd");
        try {
            Files.writeString(file, "root:x:0:0::/root:/bin/sh\ntester:x:" + uid + ":0::/home/tester:/bin/sh\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String lsnsLine(Object... cells) {
        return Stream.of(cells).map(String::valueOf).collect(Collectors.joining(" "));
    }

    // ---- -l ------------------------------------------------------------------------------------------------

    @Test
    void listIsALinePerNamespaceInInodeOrderWithTheInitialOnesAndThoseWithoutProcess() {
        assertOk(run("-l", "-r"));

        List<String> lines = lines(out);
        assertThat(lines.get(0)).isEqualTo("NS TYPE NPROCS PID USER COMMAND");
        String user = uid == 0 ? "root" : "tester";
        assertThat(lines).contains(
                lsnsLine(initial("net"), "net", 3, 1, user, "/sbin/init"),
                lsnsLine(initial("mnt"), "mnt", 6, 1, user, "/sbin/init"),
                lsnsLine(NET_WEB, "net", 2, 500, user, "nginx\\x20-g\\x20daemon\\x20off;"),
                lsnsLine(UTS_WEB, "uts", 2, 500, user, "nginx\\x20-g\\x20daemon\\x20off;"),
                lsnsLine(NET_SLEEP, "net", 1, 520, user, "sleep\\x20600"),
                lsnsLine(NET_BOUND, "net", 0, "", "", ""));
        List<Long> inodes = lines.stream().skip(1).map(l -> Long.parseLong(l.split(" ")[0])).toList();
        assertThat(inodes).isSorted().hasSize(8 + 4);
    }

    @Test
    void listOfNetworkNamespacesAddsNetnsidAndNsfsAsLsnsDoes() {
        terminal = Terminal.notATerminal();
        assertOk(run("-l", "-t", "net"));

        List<String> lines = lines(out);
        assertThat(lines.get(0)).matches(" *NS TYPE +NPROCS +PID USER +NETNSID NSFS +COMMAND");
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith(NET_BOUND + " ")).findFirst().orElseThrow());
        assertThat(lines.get(at)).contains("/run/netns/blue");
        assertThat(lines.get(at + 1).strip()).as("the second mount point on a line of its own").isEqualTo("/srv/keep");
        assertThat(lines).hasSize(1 + 4 + 1);

        assertOk(run("-l", "-t", "net", "-W", "-n"));
        assertThat(lines(out)).hasSize(4).anySatisfy(line -> assertThat(line).contains("/run/netns/blue,/srv/keep"));
    }

    @Test
    void outputPicksAndOrdersColumnsInAnyCase() {
        assertOk(run("-l", "-r", "-n", "-t", "uts", "-o", "pid,Ns,COMMAND,ppid,uid,path"));

        assertThat(lines(out)).containsExactly(
                lsnsLine(1, initial("uts"), "/sbin/init", 0, uid, "/proc/1/ns/uts"),
                lsnsLine(500, UTS_WEB, "nginx\\x20-g\\x20daemon\\x20off;", 1, uid, "/proc/500/ns/uts"));
    }

    @Test
    void plusListAddsToTheDefaultsOfEachView() {
        assertOk(run("-l", "-r", "-n", "-t", "uts", "-p", "510", "-o", "+PPID"));
        assertThat(lines(out)).contains(lsnsLine(UTS_WEB, "uts", 2, 500, uid == 0 ? "root" : "tester",
                "nginx\\x20-g\\x20daemon\\x20off;", 1));

        assertOk(run("-t", "uts", "-o", "+KIND,USER"));
        String user = uid == 0 ? "root" : "tester";
        assertThat(lines(out)).containsExactly(
                "PID ID               HOLDER                KIND    USER",
                "500 uts:[" + UTS_WEB + "] nginx -g daemon off;  process " + user,
                "510 uts:[" + UTS_WEB + "] nginx: worker process process " + user);
    }

    @Test
    void outputAllPrintsEveryColumnAndCanBeAddedTo() {
        assertOk(run("-l", "-r", "--output-all"));
        assertThat(lines(out).get(0)).isEqualTo(Arrays.stream(Column.values()).map(Column::header).collect(Collectors.joining(" ")));

        assertOk(run("-l", "-r", "--output-all", "-o", "+NS"));
        assertThat(lines(out).get(0)).endsWith("NAMES CONTAINER NS");
    }

    @Test
    void rawAloneIsTheHolderTableRaw() {
        assertOk(run("-r", "-t", "net"));

        assertThat(lines(out)).containsExactly("PID ID HOLDER",
                "520 net:[" + NET_SLEEP + "] sleep\\x20600",
                "500 net:[" + NET_WEB + "] nginx\\x20-g\\x20daemon\\x20off;",
                "510 net:[" + NET_WEB + "] nginx:\\x20worker\\x20process",
                " net:[" + NET_BOUND + "] bind\\x20mount\\x20/run/netns/blue",
                " net:[" + NET_BOUND + "] bind\\x20mount\\x20/srv/keep");
    }

    @Test
    void noHeadingsInEverySpelling() {
        for (String option : List.of("-n", "--noheadings", "--no-headings")) {
            assertOk(run("-l", "-o", "NS", option));
            assertThat(lines(out)).as(option).hasSize(12).allSatisfy(line -> assertThat(line).matches("\\d+"));
        }
    }

    @Test
    void userColumnNamesFromThePasswdFileAndNumbersOtherwise() throws Exception {
        assertOk(run("-l", "-r", "-n", "-t", "uts", "-o", "UID,USER"));
        assertThat(lines(out)).containsOnly(lsnsLine(uid, uid == 0 ? "root" : "tester"));

        Files.writeString(tempDir.resolve("passwd"), "");
        List<String> args = List.of("--proc-root", proc.root().toString(), "--netns-dir", proc.netnsDir().toString(),
                "--passwd", tempDir.resolve("nothing").toString(), "-l", "-r", "-n", "-t", "uts", "-o", "USER");
        assertOk(execute(args.toArray(String[]::new)));
        assertThat(lines(out)).containsOnly(Integer.toUnsignedString(uid));
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    @Test
    void jsonWithColumnsIsLsnssShapeAndJsonAloneStaysSchemaOne() throws Exception {
        assertOk(run("-l", "-J", "-t", "uts", "-o", "NS,TYPE,NPROCS,PID,COMMAND,NETNSID"));

        JsonNode json = JACKSON.readTree(out.toString());
        assertThat(json.fieldNames()).toIterable().containsExactly("namespaces");
        JsonNode web = json.get("namespaces").get(1);
        assertThat(web.fieldNames()).toIterable().containsExactly("ns", "type", "nprocs", "pid", "command", "netnsid");
        assertThat(web.get("ns").longValue()).isEqualTo(UTS_WEB);
        assertThat(web.get("nprocs").isInt()).isTrue();
        assertThat(web.get("command").textValue()).isEqualTo("nginx -g daemon off;");
        assertThat(web.get("netnsid").isNull()).isTrue();

        assertOk(run("-J", "-t", "uts"));
        assertThat(JACKSON.readTree(out.toString()).get("version").intValue()).isEqualTo(1);

        assertOk(run("-J", "-t", "uts", "-o", "KIND"));
        assertThat(JACKSON.readTree(out.toString()).get("holders")).hasSize(2);
    }

    // ---- terminal ------------------------------------------------------------------------------------------

    @Test
    void aTerminalCutsCommandsUnlessNotruncateOrWide() {
        proc.process(700).cmdline(LONG_COMMAND.split(" ")).initialNamespaces().ns("net", 4026532700L);
        terminal = new Terminal(true, OptionalInt.of(50));

        assertOk(run("-l", "-p", "700", "-t", "net", "-o", "NS,PID,COMMAND"));
        assertThat(lines(out)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(50))
                .anySatisfy(line -> assertThat(line).startsWith("4026532700 700 python3 -m").endsWith("…"));

        for (String option : List.of("-u", "--notruncate", "-w", "--wide")) {
            assertOk(run("-l", "-p", "700", "-t", "net", "-o", "NS,PID,COMMAND", option));
            assertThat(lines(out)).as(option).contains("4026532700 700 " + LONG_COMMAND);
        }
    }

    // ---- filters -------------------------------------------------------------------------------------------

    @Test
    void persistentKeepsTheNamespacesNoProcessIsIn() {
        assertOk(run("-l", "-P", "-r", "-o", "NS,NPROCS,PATH"));
        assertThat(lines(out)).containsExactly("NS NPROCS PATH", lsnsLine(NET_BOUND, 0, "/run/netns/blue"));

        assertOk(run("-P", "-n"));
        assertThat(lines(out)).hasSize(2).allSatisfy(line -> assertThat(line).contains("net:[" + NET_BOUND + "]"));
    }

    @Test
    void pidAndTypeNarrowTheListAndTaskIsLsnssName() {
        assertOk(run("-l", "-r", "-n", "-o", "NS", "--task", "520", "-t", "net"));
        assertThat(lines(out)).containsExactly(String.valueOf(NET_SLEEP));

        assertOk(run("-l", "-r", "-n", "-o", "NS", "-p", "520"));
        assertThat(lines(out)).as("the initial ones too, as lsns -p").hasSize(8);
    }

    // ---- trees ---------------------------------------------------------------------------------------------

    @Test
    void treeWithoutAValueIsTheOwnerTree() {
        assertOk(run("-T", "owner"));
        String owner = out.toString();

        assertOk(run("-T"));
        assertThat(out.toString()).isEqualTo(owner);
        assertOk(run("--tree"));
        assertThat(out.toString()).isEqualTo(owner);
    }

    @Test
    void processTreeHangsNamespacesUnderTheirFirstProcesssParent() throws Exception {
        proc.process(530).comm("sh").ppid(500).cmdline("sh").initialNamespaces().ns("net", NET_WEB).ns("uts", UTS_WEB)
                .ns("ipc", 4026532030L);

        // 530's parent, nginx (500), is the first process of two namespaces: the later, UTS, takes it.
        assertOk(run("--tree=process", "-J", "-o", "NS,PID"));
        JsonNode initialIpc = find(JACKSON.readTree(out.toString()).get("namespaces"), initial("ipc"));
        JsonNode utsWeb = find(initialIpc.get("children"), UTS_WEB);
        assertThat(utsWeb.get("children")).extracting(child -> child.get("ns").longValue()).containsExactly(4026532030L);
        assertThat(initialIpc.get("children")).extracting(child -> child.get("ns").longValue())
                .as("under init's last line: what 1's children are first of").containsExactly(NET_SLEEP, NET_WEB, UTS_WEB);

        assertOk(run("-T", "process", "-r", "-o", "NS,PID,COMMAND"));
        assertThat(lines(out)).hasSize(1 + 8 + 5).contains(lsnsLine(initial("ipc"), 1, "/sbin/init"))
                .anySatisfy(line -> assertThat(line).matches("4026532030 530 (\\\\x20)+`-sh"));
        assertOk(run("-T", "process", "-o", "NS,COMMAND"));
        assertThat(lines(out)).contains("4026532030   `-sh");
    }

    /** The element of a JSON tree (at any depth) whose ns is {@code inode}. */
    private static JsonNode find(JsonNode elements, long inode) {
        for (JsonNode element : elements) {
            if (element.get("ns").longValue() == inode) {
                return element;
            }
            if (element.has("children")) {
                JsonNode found = find(element.get("children"), inode);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    // ---- -H ------------------------------------------------------------------------------------------------

    @Test
    void listColumnsNeedsNoScan() throws Exception {
        for (List<String> args : List.of(List.of("-H"), List.of("--list-columns", "-r"), List.of("-H", "-J"))) {
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            Environment environment = new Environment(new PrintWriter(stdout), new PrintWriter(stderr), terminal,
                    (root, dirs) -> {
                        throw new AssertionError("-H lists the columns without scanning");
                    });
            assertThat(new Listns(environment).run(args.toArray(String[]::new))).isZero();
            assertThat(stderr.toString()).isEmpty();
            if (args.contains("-J")) {
                assertThat(JACKSON.readTree(stdout.toString()).get("listns-columns")).hasSize(Column.values().length);
            } else {
                assertThat(stdout.toString().lines()).hasSize(Column.values().length)
                        .anySatisfy(line -> assertThat(line).contains("NETNSID"));
            }
        }
    }

    // ---- NAMESPACE ----------------------------------------------------------------------------------------

    @Test
    void aNamespaceArgumentKeepsThatNamespaceAloneInitialOrNot() {
        assertOk(run("-l", "-r", "-n", "-o", "NS,NPROCS", String.valueOf(initial("net"))));
        assertThat(lines(out)).containsExactly(lsnsLine(initial("net"), 3));

        assertOk(run("-r", "-n", "-o", "PID,ID", "uts:[" + UTS_WEB + "]"));
        assertThat(lines(out)).containsExactlyInAnyOrder(lsnsLine(500, "uts:[" + UTS_WEB + "]"), lsnsLine(510, "uts:[" + UTS_WEB + "]"));
    }

    @Test
    void aNamespaceArgumentThatNamesNoNamespaceIsAnError() {
        int code = run("-l", "4026599999");

        assertThat(code).isEqualTo(ExitCodes.FAILURE_OR_CHANGED);
        assertThat(err.toString()).endsWith("listns: no namespace with inode 4026599999 was found\n");
        assertThat(out.toString()).isEmpty();
    }

    // ---- -Q ------------------------------------------------------------------------------------------------

    @Test
    void filterKeepsTheLinesItHoldsForComparingNumbersAsNumbersAndTextAsText() {
        assertOk(run("-l", "-r", "-n", "-o", "NS,TYPE,NPROCS", "-Q", "TYPE == \"net\" && NPROCS >= 1 && NS != " + initial("net")));

        assertThat(lines(out)).containsExactlyInAnyOrder(lsnsLine(NET_WEB, "net", 2), lsnsLine(NET_SLEEP, "net", 1));
    }

    @Test
    void filterMatchesRegularExpressionsAndMissingValues() {
        assertOk(run("-l", "-r", "-n", "-o", "NS", "-Q", "COMMAND =~ \"^nginx\" and not (TYPE eq \"uts\")"));
        assertThat(lines(out)).containsExactly(String.valueOf(NET_WEB));

        // A namespace no process is in has no PID: compared as a number, nothing holds for it.
        assertOk(run("-l", "-r", "-n", "-o", "NS", "-Q", "PID > 0 || PID == 0", "-t", "net"));
        assertThat(lines(out)).doesNotContain(String.valueOf(NET_BOUND)).contains(String.valueOf(NET_WEB));
        assertOk(run("-l", "-r", "-n", "-o", "NS", "-Q", "NPROCS == 0"));
        assertThat(lines(out)).containsExactly(String.valueOf(NET_BOUND));
    }

    @Test
    void filterWithoutListFiltersTheHolderLines() {
        assertOk(run("-r", "-n", "-o", "PID,ID", "-Q", "PID == 510"));

        assertThat(lines(out)).containsExactlyInAnyOrder(lsnsLine(510, "net:[" + NET_WEB + "]"), lsnsLine(510, "uts:[" + UTS_WEB + "]"));
    }

    @Test
    void containerColumnNamesTheEngineAndTheContainer() {
        String id = "3f".repeat(32);
        proc.process(530).comm("sleep").cmdline("sleep", "900").initialNamespaces().ns("mnt", 4026532530L)
                .cgroup("0::/machine.slice/libpod-" + id + ".scope");

        assertOk(run("-l", "-r", "-n", "-o", "NS,CONTAINER", "-Q", "CONTAINER =~ \"^podman:\""));

        assertThat(lines(out)).containsExactly(lsnsLine(4026532530L, "podman:" + id.substring(0, 12)));
    }

    // ---- usage errors --------------------------------------------------------------------------------------

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("-o", "NS,BOGUS"), "unknown column 'BOGUS'"),
                Arguments.of(List.of("-o", ""), "unknown column ''"),
                Arguments.of(List.of("-o", "NS,\u001b[31mX"), "'\\x1b[31mX'"),
                Arguments.of(List.of("-J", "-r"), "-r and -J"),
                Arguments.of(List.of("--format", "json", "-r"), "-r and -J"),
                Arguments.of(List.of("-l", "-T"), "-l and -T"),
                Arguments.of(List.of("-P", "-p", "1"), "-P and -p"),
                Arguments.of(List.of("-l", "--format", "jsonl"), "--format jsonl"),
                Arguments.of(List.of("-o", "NS", "--format", "prometheus"), "--format prometheus"),
                Arguments.of(List.of("-T", "sideways"), "sideways"),
                Arguments.of(List.of("-l", "-Q", "TYPE =="), "filter: at 8: expected a value after '=='"),
                Arguments.of(List.of("-l", "-Q", "(NPROCS > 1"), "filter: at 12:"),
                Arguments.of(List.of("-Q", "BOGUS == 1"), "unknown column 'BOGUS'"),
                Arguments.of(List.of("-Q", "NPROCS > 1", "--format", "jsonl"), "--format jsonl"),
                Arguments.of(List.of("-l", "abc"), "'abc' is not a namespace"),
                Arguments.of(List.of("-l", "0"), "'0' is not a namespace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorIsOneLineOnStderrAndExit2(List<String> args, String mentioned) {
        int code = run(args.toArray(String[]::new));

        assertUsageError(code);
        assertContains(mentioned, err);
        assertThat(err.toString()).doesNotContain("\u001b");
    }

    // ---- hostile names -------------------------------------------------------------------------------------

    @Test
    void hostileCommandLinesAreEscapedRawAsLsnsAndInJsonAsListns() throws Exception {
        byte[] argv = "evil\u001b]0;pwned\u0007\0a b\\c\0".getBytes(StandardCharsets.UTF_8);
        byte[] raw = Arrays.copyOf(argv, argv.length + 2);
        raw[argv.length] = (byte) 0xff;
        raw[argv.length + 1] = 0;
        proc.process(600).comm("evil").cmdline(raw).initialNamespaces().ns("ipc", 4026532600L);

        assertOk(run("-l", "-r", "-n", "-t", "ipc", "-p", "600", "-o", "NS,COMMAND"));
        assertThat(lines(out)).contains(lsnsLine(4026532600L, "evil\\x1b]0;pwned\\x07\\x20a\\x20b\\x5cc\\x20\\xff"));

        assertOk(run("-l", "-J", "-t", "ipc", "-p", "600", "-o", "NS,COMMAND"));
        assertThat(out.toString().chars()).noneMatch(c -> c < 0x20 && c != '\n');
        assertThat(JACKSON.readTree(out.toString()).get("namespaces").get(0).get("command").textValue())
                .isEqualTo("evil\\x1b]0;pwned\\x07 a b\\\\c \\xff");

        assertOk(run("-l", "-t", "ipc", "-p", "600", "-o", "NS,COMMAND"));
        assertThat(out.toString().chars()).noneMatch(c -> c < 0x20 && c != '\n');
    }

    @Test
    void outputFileTakesColumnOutputToo() throws Exception {
        Path file = tempDir.resolve("out.txt");

        assertOk(run("-l", "-r", "-t", "uts", "-o", "NS", "--output-file", file.toString()));

        assertNoOutput(out);
        assertThat(Files.readAllLines(file)).containsExactly("NS", String.valueOf(initial("uts")), String.valueOf(UTS_WEB));
    }
}
