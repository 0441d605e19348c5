package dev.listns.cli;

import static dev.listns.audit.Fixtures.bindMount;
import static dev.listns.audit.Fixtures.containerProcess;
import static dev.listns.audit.Fixtures.id;
import static dev.listns.audit.Fixtures.initialNet;
import static dev.listns.audit.Fixtures.member;
import static dev.listns.audit.Fixtures.named;
import static dev.listns.audit.Fixtures.ns;
import static dev.listns.audit.Fixtures.process;
import static dev.listns.audit.Fixtures.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.listns.testing.Unreadable;
import dev.listns.testing.Commands;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.audit.Fixtures;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.model.Unavailable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit subcommand end to end, with a stub scanner handing out prepared scans. */
@SuppressWarnings("try") // locks and mounts held for a block, unused inside it
class AuditCommandTest {
    private static final NamespaceId NET = id(NamespaceType.NET, 4026532281L);
    private static final NamespaceId UTS = id(NamespaceType.UTS, 4026532200L);
    private static final Namespace FOO = named(NET, "foo", bindMount("/run/netns/foo", 812));
    private static final Namespace SLEEPER = ns(UTS, member(containerProcess(4242, 900, "sleep 600", "podman",
            "d4ff6e99ed56aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")));

    @TempDir
    Path dir;
    Path state;
    private final AtomicInteger scans = new AtomicInteger();

    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    @BeforeEach
    void setUp() {
        state = dir.resolve("audit.state");
    }

    private Run audit(Supplier<ScanResult> scanner, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(new PrintWriter(out), new PrintWriter(err), Terminal.notATerminal(),
                (procRoot, netnsDirs) -> request -> {
                    scans.incrementAndGet();
                    return scanner.get();
                });
        List<String> args = new ArrayList<>(List.of("audit", "--state", state.toString()));
        args.addAll(List.of(extra));
        int code = new Listns(environment).run(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Run audit(ScanResult result, String... extra) {
        return audit(() -> result, extra);
    }

    @Test
    void firstRunRecordsSilentlyOnStdout() throws Exception {
        Run run = audit(scan(initialNet(), FOO, SLEEPER));
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(
                "listns: audit: recorded 2 namespaces in " + state + "; later runs report what changes");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(Files.readString(state)).startsWith("listns-audit-state 1\n").doesNotContain("4026531833");
    }

    @Test
    void anUnchangedHostPrintsNothingAtAll() {
        audit(scan(initialNet(), FOO, SLEEPER));
        Run run = audit(scan(initialNet(), FOO, SLEEPER));
        assertThat(run).isEqualTo(new Run(ExitCodes.OK, "", ""));
        assertThat(audit(scan(initialNet(), FOO, SLEEPER))).isEqualTo(new Run(ExitCodes.OK, "", ""));
    }

    @Test
    void changesGoToStdoutOnePerLineAndExitOne() {
        audit(scan(initialNet(), SLEEPER));
        Run run = audit(scan(initialNet(), FOO));
        assertThat(run.code()).isEqualTo(ExitCodes.FAILURE_OR_CHANGED);
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).containsExactly(
                "+ net:[4026532281] bind mount /run/netns/foo",
                "- uts:[4026532200] process [podman:d4ff6e99ed56] sleep 600");
        assertThat(audit(scan(initialNet(), FOO))).as("recorded: the next run is quiet").isEqualTo(new Run(0, "", ""));
    }

    @Test
    void aReusedInodeIsOneLineGoingAndOneComing() {
        audit(scan(ns(UTS, member(process(100, 5000, "sleep 600")))));
        Run run = audit(scan(ns(UTS, member(process(100, 9000, "sleep 600")))));
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines()).containsExactly(
                "- uts:[4026532200] process sleep 600",
                "+ uts:[4026532200] process sleep 600");
    }

    @Test
    void anotherBootReportsEverything() {
        audit(scan(FOO));
        Run run = audit(scan("another-boot", List.of(), FOO));
        assertThat(run.out().lines()).containsExactly(
                "- net:[4026532281] bind mount /run/netns/foo",
                "+ net:[4026532281] bind mount /run/netns/foo");
    }

    @Test
    void processTextIsEscapedForTheTerminal() {
        audit(scan());
        Run run = audit(scan(ns(UTS, member(process(7, 1, "evil\u001b]0;pwned\u0007\nnext line")))));
        assertThat(run.out()).isEqualTo("+ uts:[4026532200] process evil\\x1b]0;pwned\\x07\\x0anext line\n");
    }

    @Test
    void jsonIsOneObjectPerLine() throws Exception {
        audit(scan(SLEEPER));
        Run run = audit(scan(FOO), "--json");
        assertThat(run.code()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode appeared = mapper.readTree(lines.get(0));
        assertThat(appeared.get("change").asText()).isEqualTo("appeared");
        assertThat(appeared.get("namespace").get("id").asText()).isEqualTo("net:[4026532281]");
        assertThat(appeared.get("namespace").get("names").get(0).asText()).isEqualTo("foo");
        assertThat(appeared.get("namespace").get("holders").get(0).get("mount_id").asInt()).isEqualTo(812);
        JsonNode disappeared = mapper.readTree(lines.get(1));
        assertThat(disappeared.get("change").asText()).isEqualTo("disappeared");
        JsonNode holder = disappeared.get("namespace").get("holders").get(0);
        assertThat(holder.get("pid").asInt()).isEqualTo(4242);
        assertThat(holder.get("container").get("label").asText()).isEqualTo("podman:d4ff6e99ed56");
        assertThat(disappeared.get("namespace").get("processes").get(0).asInt()).isEqualTo(4242);
    }

    @Test
    void ignoredChangesAreRecordedButNotReported() throws Exception {
        Path rules = Files.writeString(dir.resolve("audit.ignore"), "# lab namespaces\ncontainer=podman:*\n");
        audit(scan(FOO), "--ignore", rules.toString());
        Run run = audit(scan(FOO, SLEEPER), "--ignore", rules.toString());
        assertThat(run).isEqualTo(new Run(ExitCodes.OK, "", ""));
        assertThat(Files.readString(state)).contains("sleep\\s600");
        // Without the rule the sleeper is not news either: the state knew it all along.
        assertThat(audit(scan(FOO, SLEEPER))).isEqualTo(new Run(ExitCodes.OK, "", ""));
        Run gone = audit(scan(FOO), "--ignore", rules.toString());
        assertThat(gone).isEqualTo(new Run(ExitCodes.OK, "", ""));
    }

    @Test
    void aMalformedIgnoreFileStopsBeforeAnythingIsTouched() throws Exception {
        audit(scan(FOO));
        byte[] before = Files.readAllBytes(state);
        Path rules = Files.writeString(dir.resolve("audit.ignore"), "type=net\ncolour=blue\n");
        int scansBefore = scans.get();
        Run run = audit(scan(SLEEPER), "--ignore", rules.toString());
        assertThat(run.code()).isEqualTo(ExitCodes.AUDIT_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("listns: audit: " + rules
                + ":2: unknown key 'colour' (valid: type, command, container, container_name, pod, name, holder)");
        assertThat(Files.readAllBytes(state)).isEqualTo(before);
        assertThat(scans.get()).isEqualTo(scansBefore);
    }

    @Test
    void warningsAreReportedWhenRecordedAndAgainOnlyWhenTheyChange() {
        List<String> partial = List.of("results are partial: 12 entries under /proc could not be read (permission denied); "
                + "run as root to see every namespace");
        Run first = audit(scan(Fixtures.BOOT, partial, FOO));
        assertThat(first.errLines()).containsExactly("listns: warning: " + partial.get(0),
                "listns: audit: recorded 1 namespace in " + state + "; later runs report what changes");

        List<String> sameButOtherCount = List.of(partial.get(0).replace("12", "345"));
        assertThat(audit(scan(Fixtures.BOOT, sameButOtherCount, FOO))).isEqualTo(new Run(ExitCodes.OK, "", ""));

        List<String> other = List.of("something else is incomplete");
        Run changed = audit(scan(Fixtures.BOOT, other, FOO));
        assertThat(changed).isEqualTo(new Run(ExitCodes.OK, "", "listns: warning: something else is incomplete\n"));
        assertThat(audit(scan(Fixtures.BOOT, other, FOO))).isEqualTo(new Run(ExitCodes.OK, "", ""));
        assertThat(audit(scan(FOO))).as("gone: nothing to say").isEqualTo(new Run(ExitCodes.OK, "", ""));
    }

    @Test
    void unavailableDiscoveriesAreStandingWarningsToo() {
        ScanResult oldJava = new ScanResult(List.of(FOO), scan().baseline(), false, List.of(), new Unavailable(List.of("socket holders"), "needs Java 22 or later"),
                List.of(), scan().startedAt(), scan().duration(), Fixtures.BOOT);
        Run first = audit(oldJava);
        assertThat(first.errLines()).hasSize(2);
        assertThat(first.errLines().get(0)).startsWith("listns: not looked for on Java ").contains("socket holders");
        assertThat(audit(oldJava)).isEqualTo(new Run(ExitCodes.OK, "", ""));
    }

    @Test
    void aCorruptStateIsRefusedAndLeftAlone() throws Exception {
        assertRefusedAndUntouched("listns-audit-state 1\nboot b\nns what\nend 1\n",
                "listns: audit: state file " + state + " is corrupt at line 3: 'ns' needs 5 fields, found 1; "
                        + "not touching it (remove it to start afresh)");
    }

    @Test
    void aTruncatedStateIsRefused() throws Exception {
        audit(scan(FOO, SLEEPER));
        String whole = Files.readString(state);
        assertRefusedAndUntouched(whole.substring(0, whole.indexOf("end ")),
                "listns: audit: state file " + state + " is truncated (no 'end' line); not touching it (remove it to start afresh)");
    }

    @Test
    void anUnknownVersionIsRefused() throws Exception {
        assertRefusedAndUntouched("listns-audit-state 9\n",
                "listns: audit: state file " + state + " has format version 9, this listns reads only version 1; not touching it");
    }

    @Test
    void aFileThatIsNotOursIsRefused() throws Exception {
        assertRefusedAndUntouched("important notes\n", "listns: audit: state file " + state
                + " is not a listns audit state (it does not start with 'listns-audit-state'); not touching it");
    }

    @Test
    void anUnreadableStateIsRefused() throws Exception {
        audit(scan(FOO));
        try (AutoCloseable unreadable = Unreadable.make(state)) {
            Run run = audit(scan(SLEEPER));
            assertThat(run).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                    "listns: audit: cannot read state file " + state + ": permission denied\n"));
        }
        assertThat(audit(scan(FOO))).as("untouched").isEqualTo(new Run(0, "", ""));
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Files.createDirectory(state);
        assertThat(audit(scan(FOO))).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                "listns: audit: cannot use state file " + state + ": is a directory\n"));
        assertThat(scans.get()).isZero();
    }

    @Test
    void aMissingDirectoryIsRefused() {
        state = dir.resolve("missing/audit.state");
        assertThat(audit(scan(FOO))).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                "listns: audit: cannot use state file " + state + ": directory " + dir.resolve("missing") + " does not exist\n"));
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void anOverlappingRunIsRefused() throws Exception {
        audit(scan(FOO));
        byte[] before = Files.readAllBytes(state);
        Path lockFile = dir.resolve("audit.state.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            assertThat(audit(scan(SLEEPER))).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                    "listns: audit: another listns audit is running on " + state + " (" + lockFile + " is locked)\n"));
        }
        assertThat(Files.readAllBytes(state)).isEqualTo(before);
    }

    @Test
    void aFailedScanIsAnErrorNotAChange() throws Exception {
        audit(scan(FOO));
        byte[] before = Files.readAllBytes(state);
        Run run = audit(() -> {
            throw new IllegalStateException("/proc is not mounted");
        });
        assertThat(run.code()).isEqualTo(ExitCodes.AUDIT_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("listns: /proc is not mounted (IllegalStateException)");
        assertThat(Files.readAllBytes(state)).isEqualTo(before);
    }

    @Test
    void usageErrorsExitTwo() {
        StringWriter err = new StringWriter();
        Environment environment = new Environment(new PrintWriter(new StringWriter()), new PrintWriter(err),
                Terminal.notATerminal(), (p, n) -> request -> scan());
        assertThat(new Listns(environment).run("audit")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("listns: Missing required option: '--state=FILE' (see 'listns audit --help')\n");
    }

    @Test
    void helpListsTheExitCodesAuditUses() {
        StringWriter out = new StringWriter();
        Environment environment = new Environment(new PrintWriter(out), new PrintWriter(new StringWriter()),
                Terminal.notATerminal(), (p, n) -> request -> scan());
        assertThat(new Listns(environment).run("audit", "--help")).isZero();
        assertThat(out.toString()).contains("  0   nothing changed", "  1   something appeared or disappeared",
                "  2   usage error", "  3   error: ");
        StringWriter top = new StringWriter();
        new Listns(new Environment(new PrintWriter(top), new PrintWriter(new StringWriter()), Terminal.notATerminal(),
                (p, n) -> request -> scan())).run("--help");
        assertThat(top.toString()).contains("  1   the scan failed; for 'audit': something changed", "  3   'audit' only: error",
                "audit");
        assertThat(List.of(ExitCodes.OK, ExitCodes.FAILURE_OR_CHANGED, ExitCodes.USAGE, ExitCodes.AUDIT_ERROR))
                .containsExactly(0, 1, 2, 3);
    }

    // ---------------------------------------------------------------- what another user may plant

    @Test
    void aLinkPlantedAtTheLockStopsTheAuditBeforeAnythingIsCreatedOrScanned() throws Exception {
        Path nowhere = dir.resolve("created-by-root");
        Path lockFile = Files.createSymbolicLink(dir.resolve("audit.state.lock"), nowhere);
        assertThat(audit(scan(FOO))).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                "listns: audit: cannot use lock file " + lockFile + ": is a symbolic link; give the real path\n"));
        assertThat(nowhere).doesNotExist();
        assertThat(state).doesNotExist();
        assertThat(scans.get()).isZero();
    }

    @Test
    void aHardLinkedStateIsRefusedAndLeftAlone() throws Exception {
        audit(scan(FOO));
        byte[] before = Files.readAllBytes(state);
        Files.createLink(dir.resolve("elsewhere"), state);
        assertThat(audit(scan(SLEEPER))).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                "listns: audit: cannot use state file " + state + ": has 2 hard links\n"));
        assertThat(Files.readAllBytes(state)).isEqualTo(before);
    }

    @Test
    void aStateDirectoryOthersMayWriteIsRefused() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        state = open.resolve("audit.state");
        assertThat(audit(scan(FOO))).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "", "listns: audit: cannot use state file "
                + state + ": directory " + open.toRealPath() + " is writable by group or others (mode 777) and not sticky\n"));
        try (var entries = Files.list(open)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void anIgnoreFileThatIsALinkIsRefusedWithoutShowingWhatItLeadsTo() throws Exception {
        // Followed, the first line of root's file would be quoted in the error: "expected key=pattern, found '...'".
        Path secret = Files.writeString(dir.resolve("secret"), "root:$6$hash-of-roots-password:19000:0:99999:7:::\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path rules = Files.createSymbolicLink(dir.resolve("audit.ignore"), secret);
        Run run = audit(scan(FOO), "--ignore", rules.toString());
        assertThat(run).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                "listns: audit: cannot read ignore file " + rules + ": is a symbolic link; give the real path\n"));
        assertThat(scans.get()).isZero();
    }

    @Test
    void aFifoAsIgnoreFileIsRefusedWithoutBlocking() throws Exception {
        Path rules = dir.resolve("audit.ignore");
        assumeThat(Commands.run("mkfifo", rules.toString()).exitCode()).as("mkfifo").isZero();
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> audit(scan(FOO), "--ignore", rules.toString()));
        assertThat(run).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                "listns: audit: cannot read ignore file " + rules + ": is not a regular file\n"));
    }

    @Test
    void anIgnoreFileOverOneMebibyteIsRefused() throws Exception {
        Path rules = dir.resolve("audit.ignore");
        Files.write(rules, ("# " + "x".repeat(1021) + "\n").repeat(1024).getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.size(rules)).isEqualTo(1 << 20);
        assertThat(audit(scan(FOO), "--ignore", rules.toString())).as("exactly 1 MiB of comments is fine")
                .isEqualTo(new Run(ExitCodes.OK, "", "listns: audit: recorded 1 namespace in " + state
                        + "; later runs report what changes\n"));
        Files.writeString(rules, "\n", StandardOpenOption.APPEND);
        assertThat(audit(scan(FOO), "--ignore", rules.toString())).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                "listns: audit: cannot read ignore file " + rules + ": is larger than 1 MiB\n"));
    }

    @Test
    void anIgnoreFileOthersMayWriteIsRefused() throws Exception {
        // Whoever may write it may hide their namespaces from the audit.
        Path rules = Files.writeString(dir.resolve("audit.ignore"), "type=net\n");
        Files.setPosixFilePermissions(rules, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(audit(scan(FOO), "--ignore", rules.toString())).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                "listns: audit: cannot read ignore file " + rules + ": is writable by group or others (mode 666)\n"));
    }

    @Test
    void aMissingIgnoreFileIsOneLine() {
        Path rules = dir.resolve("audit.ignore");
        assertThat(audit(scan(FOO), "--ignore", rules.toString())).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "",
                "listns: audit: cannot read ignore file " + rules + ": no such file or directory\n"));
    }

    private void assertRefusedAndUntouched(String content, String message) throws Exception {
        Files.writeString(state, content);
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(state, old);
        Run run = audit(scan(FOO, SLEEPER));
        assertThat(run).isEqualTo(new Run(ExitCodes.AUDIT_ERROR, "", message + "\n"));
        assertThat(Files.readString(state)).isEqualTo(content);
        assertThat(Files.getLastModifiedTime(state)).isEqualTo(old);
    }
}
