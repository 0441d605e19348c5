package dev.listns.cli;

import static dev.listns.testing.FakeProc.initial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.testing.FakeProc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.OptionSpec;

class ListnsCliTest extends CliTestBase {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final String HEADER = String.format("%10s  %-20s  %s", "PID", "Namespace", "Thread/Command");
    private static final long N1 = 4026532010L;
    private static final long N2 = 4026532005L;
    private static final long U1 = 4026532020L;
    private static final long P1 = 4026532030L;

    @TempDir
    Path tempDir;

    FakeProc proc;

    /**
     * A host with two non-initial network namespaces (one also held by a thread of another process),
     * a UTS namespace, and a PID namespace that only a pid_for_children link holds.
     */
    @BeforeEach
    void fakeHost() {
        proc = new FakeProc(tempDir);
        proc.process(1).comm("systemd").ppid(0).cmdline("/sbin/init").initialNamespaces();
        proc.process(2).comm("kthreadd").ppid(0).initialNamespaces();
        proc.process(300).comm("java").cmdline("java", "-jar", "listns.jar").initialNamespaces();
        proc.self(300);
        proc.process(500).comm("nginx").cmdline("nginx: master process /usr/sbin/nginx").initialNamespaces()
                .ns("net", N1).ns("uts", U1);
        proc.process(510).comm("nginx").ppid(500).cmdline("nginx: worker process").initialNamespaces()
                .ns("net", N1).ns("uts", U1);
        proc.process(520).comm("sleep").cmdline("sleep", "600").initialNamespaces().ns("net", N2);
        proc.process(530).comm("unshare").cmdline("unshare", "--pid", "sh").initialNamespaces()
                .ns("pid_for_children", P1);
        proc.process(540).comm("vpnd").cmdline("/usr/sbin/vpnd").initialNamespaces().thread(541).ns("net", N2);
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--proc-root", proc.root().toString(),
                "--netns-dir", proc.netnsDir().toString()));
        all.addAll(Arrays.asList(args));
        return execute(all.toArray(String[]::new));
    }

    private static String row(String pid, String namespace, String command) {
        return String.format("%10s  %-20s  %s", pid, namespace, command);
    }

    private static final List<String> NET_ROWS = List.of(
            row("520", "net:[" + N2 + "]", "sleep 600"),
            row("541", "net:[" + N2 + "]", "thread 541 of 540 /usr/sbin/vpnd"),
            row("500", "net:[" + N1 + "]", "nginx: master process /usr/sbin/nginx"),
            row("510", "net:[" + N1 + "]", "nginx: worker process"));
    private static final List<String> PID_ROWS = List.of(
            row("--", "pid:[" + P1 + "]", "for children of 530 unshare --pid sh"));
    private static final List<String> UTS_ROWS = List.of(
            row("500", "uts:[" + U1 + "]", "nginx: master process /usr/sbin/nginx"),
            row("510", "uts:[" + U1 + "]", "nginx: worker process"));

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    // ---- usage errors -------------------------------------------------------------------------------------

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("-t", "foo"), "unknown namespace type 'foo'"),
                Arguments.of(List.of("-t", "net,foo"), "unknown namespace type 'foo'"),
                Arguments.of(List.of("-t", "pid_for_children"), "unknown namespace type 'pid_for_children'"),
                Arguments.of(List.of("-t"), "--type"),
                Arguments.of(List.of("-p", "abc"), "'abc' is not a process ID"),
                Arguments.of(List.of("-p", "-5"), "-5"),
                Arguments.of(List.of("-p", "0"), "'0' is not a process ID"),
                Arguments.of(List.of("-p", "1234567890"), "'1234567890' is not a process ID"),
                Arguments.of(List.of("-p", "1", "-p", "2"), "(PID) should be specified only once"),
                Arguments.of(List.of("--bogus"), "--bogus"),
                Arguments.of(List.of("-x"), "-x"),
                Arguments.of(List.of("--bogus\nsecond line\r\nthird"), "--bogus"),
                Arguments.of(List.of("stray"), "stray"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorIsOneLineOnStderrAndExit2(List<String> args, String mentioned) {
        int code = run(args.toArray(String[]::new));

        assertUsageError(code);
        assertContains(mentioned.lines().findFirst().orElseThrow(), err);
    }

    @Test
    void unknownTypeListsTheValidOnes() {
        assertUsageError(run("-t", "foo"));
        assertContains("cgroup, ipc, mnt, net, pid, time, user, uts", err);
    }

    // ---- help and version ---------------------------------------------------------------------------------

    @Test
    void helpListsEveryOptionAndTheExitCodes() {
        int code = execute("--help");

        assertOk(code);
        String help = out.toString();
        List<OptionSpec> options = ListnsCommandLine.spec(null).options();
        assertThat(options).hasSizeGreaterThanOrEqualTo(12);
        for (OptionSpec option : options) {
            for (String name : option.names()) {
                if (option.hidden()) {
                    assertThat(help).as("hidden option %s", name).doesNotContain(name);
                } else {
                    assertThat(help).as("option %s", name).contains(name);
                }
            }
        }
        assertThat(help).contains("-t, --type", "-p, --pid", "-a, --all", "-n, --noheadings", "--no-headings", "-J, --json",
                "-u, -w, --wide, --notruncate", "-l, --list", "-o, --output", "-r, --raw", "-H, --list-columns", "-P, --persistent", "-W, --nowrap", "--output-all", "--output-file", "-T, --tree", "-v, --verbose", "--debug", "-h, --help", "-V, --version");
        assertThat(help).contains("Exit codes:")
                .containsPattern("(?m)^\\s+" + ExitCodes.OK + "\\s+success")
                .containsPattern("(?m)^\\s+" + ExitCodes.FAILURE_OR_CHANGED + "\\s+the scan failed")
                .containsPattern("(?m)^\\s+" + ExitCodes.USAGE + "\\s+usage error")
                .containsPattern("(?m)^\\s+" + ExitCodes.AUDIT_ERROR + "\\s+'audit' only");
    }

    @Test
    void shortHelpIsTheSame() {
        execute("--help");
        String longHelp = out.toString();

        assertOk(execute("-h"));
        assertThat(out.toString()).isEqualTo(longHelp);
    }

    @Test
    void versionPrintsTheProjectVersion() {
        int code = execute("--version");

        assertOk(code);
        assertThat(lines(out)).first().asString().matches("listns \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines(out)).anySatisfy(line -> assertThat(line).startsWith("Java "));
        assertThat(VersionProvider.version()).isNotEqualTo("unknown").doesNotContain("${");
    }

    @Test
    void versionAloneIsPrintedWithoutPicocliExactlyAsPicocliPrintsIt() {
        for (String option : new String[] {"--version", "-V"}) {
            int code = execute(option);
            String fast = out.toString();
            int picocliCode = ListnsCommandLine.execute(freshEnvironment(), option);

            assertThat(code).as(option).isEqualTo(picocliCode).isEqualTo(ExitCodes.OK);
            assertThat(fast).as(option).startsWith("listns ").isEqualTo(out.toString());
            assertThat(err.toString()).as(option).isEmpty();
        }
    }

    // ---- table --------------------------------------------------------------------------------------------

    @Test
    void tableListsNonInitialNamespacesSortedByTypeInodeAndPid() {
        int code = run();

        assertOk(code);
        assertThat(lines(out)).containsExactlyElementsOf(concat(List.of(HEADER), NET_ROWS, PID_ROWS, UTS_ROWS));
    }

    @Test
    void noHeadingsDropsOnlyTheHeader() {
        assertOk(run("-n"));
        assertThat(lines(out)).containsExactlyElementsOf(concat(NET_ROWS, PID_ROWS, UTS_ROWS));

        assertOk(run("--no-headings"));
        assertThat(lines(out)).containsExactlyElementsOf(concat(NET_ROWS, PID_ROWS, UTS_ROWS));
    }

    @Test
    void typesFilterAsCommaListOrRepeated() {
        List<String> expected = concat(List.of(HEADER), NET_ROWS, UTS_ROWS);

        assertOk(run("-t", "net,uts"));
        assertThat(lines(out)).containsExactlyElementsOf(expected);
        assertOk(run("-t", "net", "-t", "uts"));
        assertThat(lines(out)).containsExactlyElementsOf(expected);
        assertOk(run("--type=UTS", "--type", "NET"));
        assertThat(lines(out)).containsExactlyElementsOf(expected);
        assertOk(run("-t", "pid"));
        assertThat(lines(out)).containsExactlyElementsOf(concat(List.of(HEADER), PID_ROWS));
    }

    @Test
    void allIncludesTheInitialNamespaces() {
        assertOk(run("-a", "-n"));

        List<String> rows = lines(out);
        assertThat(rows).containsAll(concat(NET_ROWS, PID_ROWS, UTS_ROWS));
        for (String type : List.of("cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts")) {
            String id = type + ":[" + initial(type) + "]";
            assertThat(rows).as(type).contains(row("1", id, "/sbin/init"), row("2", id, "[kthreadd]"),
                    row("300", id, "java -jar listns.jar"));
        }
        assertThat(rows.get(0)).isEqualTo(row("1", "cgroup:[" + initial("cgroup") + "]", "/sbin/init"));
        assertThat(rows.get(rows.size() - 1)).isEqualTo(row("510", "uts:[" + U1 + "]", "nginx: worker process"));
    }

    @Test
    void pidKeepsOnlyTheNamespacesOfThatProcessWithAllTheirHolders() {
        assertOk(run("-p", "510"));
        assertThat(lines(out)).containsExactlyElementsOf(concat(List.of(HEADER), NET_ROWS.subList(2, 4), UTS_ROWS));

        assertOk(run("-p", "520", "-n"));
        assertThat(lines(out)).containsExactlyElementsOf(NET_ROWS.subList(0, 2));
    }

    @Test
    void pidOfAProcessCoversWhatItsThreadsAndForChildrenLinksHold() {
        assertOk(run("-p", "540", "-n"));
        assertThat(lines(out)).containsExactlyElementsOf(NET_ROWS.subList(0, 2));

        assertOk(run("-p", "530", "-n"));
        assertThat(lines(out)).containsExactlyElementsOf(PID_ROWS);
    }

    @Test
    void pidCombinesWithTypeAndAll() {
        assertOk(run("-p", "510", "-t", "uts", "-n"));
        assertThat(lines(out)).containsExactlyElementsOf(UTS_ROWS);

        assertOk(run("-p", "300", "-n"));
        assertThat(lines(out)).as("only initial namespaces, not asked for").isEmpty();

        assertOk(run("-p", "300", "-n", "-a", "-t", "net"));
        assertThat(lines(out)).containsExactly(
                row("1", "net:[" + initial("net") + "]", "/sbin/init"),
                row("2", "net:[" + initial("net") + "]", "[kthreadd]"),
                row("300", "net:[" + initial("net") + "]", "java -jar listns.jar"),
                row("530", "net:[" + initial("net") + "]", "unshare --pid sh"),
                row("540", "net:[" + initial("net") + "]", "/usr/sbin/vpnd"));
    }

    @Test
    void absentPidIsAFailureWithOneLineOnStderr() {
        int code = run("-p", "99999");

        assertThat(code).isEqualTo(ExitCodes.FAILURE_OR_CHANGED);
        assertNoOutput(out);
        assertThat(errorLines()).containsExactly("listns: no process with PID 99999, or none whose namespaces can be read");
    }

    @Test
    void verboseTellsTheBaselineOnStderrOnly() {
        int code = run("-v", "-n");

        assertThat(code).isZero();
        assertThat(lines(out)).containsExactlyElementsOf(concat(NET_ROWS, PID_ROWS, UTS_ROWS));
        assertThat(errorLines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("listns: "))
                .contains("listns: baseline (initial namespaces) read from pid 2 (kthreadd)")
                .anySatisfy(line -> assertThat(line).matches("listns: scan took \\d+ ms, found 12 namespaces"));
    }

    @Test
    void emptyResultIsJustTheHeader() {
        assertOk(run("-t", "ipc"));
        assertThat(lines(out)).containsExactly(HEADER);
    }

    // ---- JSON ---------------------------------------------------------------------------------------------

    @Test
    void jsonIsParseableAndCarriesTheModel() throws Exception {
        int code = run("-J");

        assertOk(code);
        JsonNode json = JACKSON.readTree(out.toString());
        assertThat(json.get("version").isInt()).isTrue();
        assertThat(json.get("version").intValue()).isEqualTo(1);
        assertThat(json.get("generator").textValue()).startsWith("listns ");
        assertThat(json.get("baseline").get("source").textValue()).isEqualTo("pid 2 (kthreadd)");
        assertThat(json.get("baseline").get("namespaces").get("net").isIntegralNumber()).isTrue();
        assertThat(json.get("baseline").get("namespaces").get("net").longValue()).isEqualTo(initial("net"));
        assertThat(json.get("partial").booleanValue()).isFalse();
        assertThat(json.get("warnings")).isEmpty();

        JsonNode namespaces = json.get("namespaces");
        assertThat(namespaces).extracting(n -> n.get("id").textValue()).containsExactly(
                "net:[" + N2 + "]", "net:[" + N1 + "]", "pid:[" + P1 + "]", "uts:[" + U1 + "]");
        for (JsonNode ns : namespaces) {
            assertThat(ns.get("inode").isIntegralNumber()).as("inode of %s is a number", ns.get("id")).isTrue();
            assertThat(ns.get("id").textValue()).isEqualTo(ns.get("type").textValue() + ":[" + ns.get("inode").longValue() + "]");
            assertThat(ns.get("initial").booleanValue()).isFalse();
            assertThat(ns.get("holders")).isNotEmpty().allSatisfy(h -> assertThat(h.get("kind").textValue())
                    .isIn("process", "thread", "for_children", "fd", "bind_mount", "socket", "child_namespace",
                            "owned_namespace"));
        }

        JsonNode n2 = namespaces.get(0);
        assertThat(n2.get("processes")).extracting(JsonNode::intValue).containsExactly(520);
        assertThat(n2.get("threads")).extracting(JsonNode::intValue).containsExactly(541);
        JsonNode thread = find(n2.get("holders"), "thread");
        assertThat(thread.get("tid").intValue()).isEqualTo(541);
        assertThat(thread.get("pid").intValue()).isEqualTo(540);
        assertThat(thread.get("command").textValue()).isEqualTo("/usr/sbin/vpnd");

        JsonNode n1 = namespaces.get(1);
        assertThat(n1.get("processes")).extracting(JsonNode::intValue).containsExactly(500, 510);
        assertThat(n1.get("holders")).extracting(h -> h.get("kind").textValue()).containsOnly("process");
        assertThat(n1.get("holders")).extracting(h -> h.get("ppid").intValue()).contains(500);

        JsonNode forChildren = find(namespaces.get(2).get("holders"), "for_children");
        assertThat(forChildren.get("pid").intValue()).isEqualTo(530);
        assertThat(namespaces.get(2).get("processes")).isEmpty();
    }

    @Test
    void jsonHonoursTheFilters() throws Exception {
        assertOk(run("-J", "-t", "uts", "-p", "500"));

        JsonNode namespaces = JACKSON.readTree(out.toString()).get("namespaces");
        assertThat(namespaces).extracting(n -> n.get("id").textValue()).containsExactly("uts:[" + U1 + "]");
    }

    private static JsonNode find(JsonNode holders, String kind) {
        for (JsonNode holder : holders) {
            if (holder.get("kind").textValue().equals(kind)) {
                return holder;
            }
        }
        throw new AssertionError("no " + kind + " holder in " + holders);
    }

    // ---- hostile command lines ----------------------------------------------------------------------------

    private void hostileProcess() {
        byte[] argv = ("evil\u001b]0;pwned\u0007\0--line\nbreak\0bad\u00ff\0").getBytes(StandardCharsets.UTF_8);
        byte[] raw = Arrays.copyOf(argv, argv.length + 3);
        raw[argv.length] = (byte) 0xff; // a byte that is no UTF-8 at all
        raw[argv.length + 1] = (byte) 0xc3;
        raw[argv.length + 2] = 0;
        proc.process(600).comm("evil\u001b[2J").cmdline(raw).initialNamespaces().ns("net", 4026532600L);
        proc.process(601).comm("\u001b]0;x\u0007").initialNamespaces().ns("net", 4026532600L); // kernel-thread style
    }

    private static final String ESCAPED_COMMAND = "evil\\x1b]0;pwned\\x07 --line\\x0abreak bad\u00ff \\xff\\xc3";

    private static void assertNoControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertThat(c >= 0x20 && c != 0x7F || c == '\n').as("U+%04X at %d", (int) c, i).isTrue();
            assertThat(c < 0x80 || c >= 0xA0).as("C1 U+%04X at %d", (int) c, i).isTrue();
            assertThat(Character.isSurrogate(c)).as("lone surrogate at %d", i).isFalse();
        }
    }

    @Test
    void hostileCommandLineStaysOnOneEscapedRowInTheTable() {
        hostileProcess();

        assertOk(run("-t", "net", "-p", "600"));

        assertNoControlCharacters(out.toString());
        assertThat(lines(out)).containsExactly(HEADER,
                row("600", "net:[4026532600]", ESCAPED_COMMAND),
                row("601", "net:[4026532600]", "[\\x1b]0;x\\x07]"));
    }

    @Test
    void hostileCommandLineIsEscapedTheSameWayInJson() throws Exception {
        hostileProcess();

        assertOk(run("-J", "-t", "net", "-p", "600"));

        assertNoControlCharacters(out.toString());
        JsonNode holders = JACKSON.readTree(out.toString()).get("namespaces").get(0).get("holders");
        assertThat(holders).extracting(h -> h.get("command").textValue())
                .containsExactly(ESCAPED_COMMAND, "[\\x1b]0;x\\x07]");
        assertThat(holders).extracting(h -> h.get("comm").textValue())
                .containsExactly("evil\\x1b[2J", "\\x1b]0;x\\x07");
        assertThat(holders).extracting(h -> h.get("description").textValue())
                .containsExactly(ESCAPED_COMMAND, "[\\x1b]0;x\\x07]");
    }

    @Test
    void hostilePid1NameIsEscapedInVerboseOutputAndJson() throws Exception {
        // Without kthreadd (a PID namespace, a container), the baseline comes from PID 1, which may name itself anything.
        FakeProc container = new FakeProc(tempDir.resolve("container"));
        container.process(1).comm("\u001b]0;pwned\u0007").ppid(0).initialNamespaces();
        container.process(7).comm("sh").initialNamespaces();
        container.self(7);
        List<String> args = List.of("--proc-root", container.root().toString(), "--netns-dir", container.netnsDir().toString());

        assertThat(execute(concat(args, List.of("-v")).toArray(String[]::new))).isZero();
        assertNoControlCharacters(err.toString());
        assertContains("read from pid 1 (\\x1b]0;pwned\\x07)", err);

        assertThat(execute(concat(args, List.of("-J")).toArray(String[]::new))).isZero();
        assertThat(JACKSON.readTree(out.toString()).get("baseline").get("source").textValue())
                .isEqualTo("pid 1 (\\x1b]0;pwned\\x07)");
    }

    @Test
    void containerNameFromACgroupIsEscapedInTheTable() {
        // A user may create cgroups in the subtree systemd delegates to them, and name them like a container.
        proc.process(610).cmdline("sleep", "1").initialNamespaces().ns("net", 4026532610L)
                .cgroup("0::/user.slice/user-1000.slice/user@1000.service/lxc.payload.ev\u001b]0;x\u0007il");

        assertOk(run("-p", "610", "-n"));

        assertNoControlCharacters(out.toString());
        assertThat(lines(out)).containsExactly(row("610", "net:[4026532610]", "[lxc:ev\\x1b]0;x\\x07il] sleep 1"));
    }

    @Test
    void containerNameFromACgroupIsEscapedInJson() throws Exception {
        proc.process(610).cmdline("sleep", "1").initialNamespaces().ns("net", 4026532610L)
                .cgroup("0::/user.slice/user-1000.slice/user@1000.service/lxc.payload.ev\u001b]0;x\u0007il");

        assertOk(run("-p", "610", "-J"));

        JsonNode holder = JACKSON.readTree(out.toString()).get("namespaces").get(0).get("holders").get(0);
        assertThat(holder.get("description").textValue()).isEqualTo("[lxc:ev\\x1b]0;x\\x07il] sleep 1");
        assertNoControlCharacters(holder.get("container").get("id").textValue());
        assertNoControlCharacters(holder.get("container").get("label").textValue());
    }

    @Test
    void aProcRootWithoutProcessesIsAFailure() {
        int code = execute("--proc-root", tempDir.resolve("empty").toString(), "--netns-dir", proc.netnsDir().toString());

        assertThat(code).isEqualTo(ExitCodes.FAILURE_OR_CHANGED);
        assertNoOutput(out);
        assertThat(errorLines()).singleElement().asString().startsWith("listns: ");
    }

    // ---- terminal width -----------------------------------------------------------------------------------

    private static final String LONG_COMMAND =
            "python3 -m http.server --bind 127.0.0.1 8000 --directory /srv/www/some/rather/long/path";

    @Test
    void aTerminalCutsLongCommandsToItsWidth() {
        proc.process(700).cmdline(LONG_COMMAND.split(" ")).initialNamespaces().ns("net", 4026532700L);
        terminal = new Terminal(true, OptionalInt.of(60));

        assertOk(run("-p", "700"));

        assertThat(lines(out)).hasSize(2).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
        String cut = lines(out).get(1);
        assertThat(cut).hasSize(60).startsWith(row("700", "net:[4026532700]", "python3 -m http.server"))
                .endsWith("…").doesNotContain("long/path");
        assertThat(LONG_COMMAND).startsWith(cut.substring(34, 59));
    }

    @Test
    void terminalCutNeverSplitsACharacter() {
        // 26 columns of room: the emoji starts at index 24, exactly where the cut falls.
        proc.process(720).cmdline("a".repeat(24) + "\ud83d\ude00 and more").initialNamespaces().ns("net", 4026532720L);
        terminal = new Terminal(true, OptionalInt.of(60));

        assertOk(run("-p", "720", "-n"));

        assertNoControlCharacters(out.toString());
        assertThat(lines(out)).singleElement().asString().endsWith("…").startsWith(row("720", "net:[4026532720]", "aaaa"));
    }

    @Test
    void wideNeverCutsEvenOnATerminal() {
        proc.process(700).cmdline(LONG_COMMAND.split(" ")).initialNamespaces().ns("net", 4026532700L);
        terminal = new Terminal(true, OptionalInt.of(60));

        assertOk(run("-p", "700", "-w"));
        assertThat(lines(out)).containsExactly(HEADER, row("700", "net:[4026532700]", LONG_COMMAND));

        assertOk(run("-p", "700", "--wide"));
        assertThat(lines(out)).containsExactly(HEADER, row("700", "net:[4026532700]", LONG_COMMAND));
    }

    @Test
    void jsonIsNeverCutOnATerminal() throws Exception {
        proc.process(700).cmdline(LONG_COMMAND.split(" ")).initialNamespaces().ns("net", 4026532700L);
        terminal = new Terminal(true, OptionalInt.of(60));

        assertOk(run("-p", "700", "-J"));
        assertThat(JACKSON.readTree(out.toString()).get("namespaces").get(0).get("holders").get(0)
                .get("command").textValue()).isEqualTo(LONG_COMMAND);
    }

    @Test
    void notATerminalNeverCutsEvenAMegabyteCommand() {
        String megabyte = "x".repeat(1 << 20);
        proc.process(710).cmdline("/bin/sh", "-c", megabyte).initialNamespaces().ns("net", 4026532710L);

        assertOk(run("-p", "710", "-n"));

        assertThat(lines(out)).containsExactly(row("710", "net:[4026532710]", "/bin/sh -c " + megabyte));
    }

    // ---- named network namespaces (nsfs file borrowed from this JVM) --------------------------------------

    @Test
    void membersOfANamedNetnsAreMarked() {
        Path other = tempDir.resolve("named");
        long real = FakeProc.realNetInode();
        long hostNet = 4026539999L;
        assumeThat(real).isNotEqualTo(hostNet);
        FakeProc named = new FakeProc(other);
        named.process(1).comm("systemd").ppid(0).cmdline("/sbin/init").initialNamespaces().ns("net", hostNet);
        named.process(300).comm("java").initialNamespaces().ns("net", hostNet);
        named.self(300).anchorNsfs();
        named.process(600).comm("dnsmasq").cmdline("dnsmasq", "-k").initialNamespaces().ns("net", real);
        named.staleNetns("stale");
        named.namedNetns("blue");
        String path = other.resolve("netns").toAbsolutePath().toString();

        assertOk(execute("--proc-root", named.root().toString(), "--netns-dir", path, "-n"));

        String id = "net:[" + real + "]";
        assertThat(lines(out)).contains(row("600", id + "**", "dnsmasq -k"))
                .allSatisfy(line -> assertThat(line).contains(" " + id).doesNotContain("stale"));
    }
}
