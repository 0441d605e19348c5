package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Root runs the packaged jar on paths in a directory like /tmp (root's, mode 1777, made fresh here), where
 * an unprivileged user, uid 65534, has planted symbolic links, FIFOs, hard links or files of their own at
 * the state file, its lock, the ignore file and the {@code -o} file. Whatever was planted, root must not
 * write, create, lock or read through it, no run may block, and each refusal is one line with the
 * documented exit code (audit: 3; listing: 1). The files planted links lead to are root's, in a
 * directory only root can enter.
 *
 * <p>This host has fs.protected_symlinks, protected_fifos and protected_regular off, so the kernel does
 * not save root from any of this; listns must not rely on them anyway. fs.protected_hardlinks is on, so
 * uid 65534 cannot link root's files: the test makes those hard links as root, as any user could with
 * the sysctl off.
 */
@Timeout(300)
class HostileFilesIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final String NOBODY = "65534";
    private static final String PRECIOUS = "precious root file\n";
    private static final FileTime OLD = FileTime.fromMillis(1_000_000);

    private Sandbox sandbox;
    /** Root's, mode 1777: where the attacker plants and root works. */
    private Path shared;
    /** Root's, mode 0700: what the planted links lead to. */
    private Path vault;
    /** A root file in the vault, with old content and an old time. */
    private Path victim;

    @BeforeEach
    void setUp() throws Exception {
        Sandbox.assumeRoot();
        Workloads.require("setpriv");
        sandbox = new Sandbox();
        Path work = sandbox.workDir();
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        shared = Files.createDirectory(work.resolve("shared"));
        Commands.Exec chmod = Commands.run(Duration.ofSeconds(10), "chmod", "1777", shared.toString());
        assertThat(chmod.exitCode()).as("%s", chmod).isZero();
        vault = Files.createDirectory(work.resolve("vault"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        victim = Files.writeString(vault.resolve("victim"), PRECIOUS);
        Files.setLastModifiedTime(victim, OLD);
    }

    @AfterEach
    void tearDown() {
        if (sandbox != null) {
            sandbox.close(); // removes the work directory, and so all that was planted and made
        }
    }

    // ---------------------------------------------------------------- audit: the lock

    @Test
    void aDanglingLinkAtTheLockMakesRootCreateNothing() throws Exception {
        Path created = vault.resolve("created-by-root");
        Path state = shared.resolve("audit.state");
        plant("ln", "-s", created.toString(), state + ".lock");

        Commands.Exec run = listns("audit", "--state", state.toString());

        assertAuditRefused(run, "cannot use lock file " + state + ".lock: is a symbolic link; give the real path");
        assertThat(created).doesNotExist();
        assertThat(state).doesNotExist();
    }

    @Test
    void aLinkAtTheLockToARootFileLeavesItAlone() throws Exception {
        Path state = shared.resolve("audit.state");
        plant("ln", "-s", victim.toString(), state + ".lock");

        Commands.Exec run = listns("audit", "--state", state.toString());

        assertAuditRefused(run, "cannot use lock file " + state + ".lock: is a symbolic link; give the real path");
        assertUntouched(victim);
    }

    @Test
    void aFifoAtTheLockDoesNotBlock() throws Exception {
        Path state = shared.resolve("audit.state");
        plant("mkfifo", state + ".lock");

        Commands.Exec run = listns("audit", "--state", state.toString());

        assertAuditRefused(run, "cannot use lock file " + state + ".lock: is not a regular file");
    }

    @Test
    void aHardLinkToARootFileAtTheLockIsRefused() throws Exception {
        Path state = shared.resolve("audit.state");
        Files.createLink(Path.of(state + ".lock"), victim);

        Commands.Exec run = listns("audit", "--state", state.toString());

        assertAuditRefused(run, "cannot use lock file " + state + ".lock: has 2 hard links");
        assertUntouched(victim);
    }

    // ---------------------------------------------------------------- audit: the state

    @Test
    void aStateWrittenByAnotherUserIsRefused() throws Exception {
        // A well-formed state in which the attacker recorded their own namespaces would hide them.
        Path recorded = Files.createDirectory(sandbox.workDir().resolve("private"));
        Commands.Exec first = listns("audit", "--state", recorded.resolve("audit.state").toString());
        assertThat(first.exitCode()).as("%s", first).isZero();
        Path state = shared.resolve("audit.state");
        String crafted = Files.readString(recorded.resolve("audit.state"));
        plant("sh", "-c", "umask 077; printf '%s' \"$1\" > \"$0\"", state.toString(), crafted);

        Commands.Exec run = listns("audit", "--state", state.toString());

        assertAuditRefused(run, "cannot use state file " + state + ": is owned by another user (uid 65534)");
        assertThat(Files.readString(state)).isEqualTo(crafted);
        assertThat(Files.getAttribute(state, "unix:uid")).isEqualTo(65534);
    }

    @Test
    void aLinkOrFifoAtTheStateIsRefused() throws Exception {
        Path link = shared.resolve("link.state");
        plant("ln", "-s", victim.toString(), link.toString());
        Path fifo = shared.resolve("fifo.state");
        plant("mkfifo", fifo.toString());

        assertAuditRefused(listns("audit", "--state", link.toString()),
                "cannot use state file " + link + ": is a symbolic link; give the real path");
        assertAuditRefused(listns("audit", "--state", fifo.toString()),
                "cannot use state file " + fifo + ": is not a regular file");
        assertUntouched(victim);
    }

    @Test
    void aStateDirectoryAnotherUserOwnsIsRefused() throws Exception {
        Path theirs = shared.resolve("theirs");
        plant("mkdir", "-m", "0755", theirs.toString());
        Path state = theirs.resolve("audit.state");

        Commands.Exec run = listns("audit", "--state", state.toString());

        assertAuditRefused(run, "cannot use state file " + state + ": directory " + theirs.toRealPath()
                + " is owned by another user (uid 65534)");
        assertThat(entries(theirs)).isEmpty();
    }

    // ---------------------------------------------------------------- audit: the ignore file

    @Test
    void anIgnoreFileThatIsALinkToARootSecretIsNotRead() throws Exception {
        // Read, the secret's first line would be quoted in the error: "expected key=pattern, found '...'".
        Path secret = Files.writeString(vault.resolve("secret"), "TOP-SECRET-LINE\n");
        Path rules = shared.resolve("audit.ignore");
        plant("ln", "-s", secret.toString(), rules.toString());

        Commands.Exec run = listns("audit", "--state", vault.resolve("audit.state").toString(), "--ignore", rules.toString());

        assertAuditRefused(run, "cannot read ignore file " + rules + ": is a symbolic link; give the real path");
        assertThat(run.stderr()).doesNotContain("TOP-SECRET");
    }

    @Test
    void anIgnoreFileThatIsAFifoOrEndlessDoesNotBlock() throws Exception {
        Path fifo = shared.resolve("fifo.ignore");
        plant("mkfifo", fifo.toString());
        Path zero = shared.resolve("zero.ignore");
        plant("ln", "-s", "/dev/zero", zero.toString());
        String state = vault.resolve("audit.state").toString();

        assertAuditRefused(listns("audit", "--state", state, "--ignore", fifo.toString()),
                "cannot read ignore file " + fifo + ": is not a regular file");
        assertAuditRefused(listns("audit", "--state", state, "--ignore", zero.toString()),
                "cannot read ignore file " + zero + ": is a symbolic link; give the real path");
    }

    @Test
    void anIgnoreFileAnotherUserWroteIsRefused() throws Exception {
        // Its rules would hide that user's namespaces from the audit.
        Path rules = shared.resolve("audit.ignore");
        plant("sh", "-c", "umask 022; echo 'type=net' > \"$0\"", rules.toString());

        Commands.Exec run = listns("audit", "--state", vault.resolve("audit.state").toString(), "--ignore", rules.toString());

        assertAuditRefused(run, "cannot read ignore file " + rules + ": is owned by another user (uid 65534)");
    }

    // ---------------------------------------------------------------- the listing's -o

    @Test
    void aLinkAtTheOutputIsReplacedAndWhatItLedToIsUntouched() throws Exception {
        Path output = shared.resolve("listns.prom");
        plant("ln", "-s", victim.toString(), output.toString());
        Path dangling = shared.resolve("dangling.prom");
        Path created = vault.resolve("created-by-root");
        plant("ln", "-s", created.toString(), dangling.toString());

        for (Path file : List.of(output, dangling)) {
            Commands.Exec run = listns("--format", "prometheus", "--output-file", file.toString());
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stderr()).as("%s", run).isEmpty();
            assertWrittenByRoot(file);
        }
        assertUntouched(victim);
        assertThat(created).doesNotExist();
    }

    @Test
    void aHardLinkOrFifoAtTheOutputIsReplacedWithoutBlocking() throws Exception {
        Path linked = shared.resolve("linked.prom");
        Files.createLink(linked, victim);
        Path fifo = shared.resolve("fifo.prom");
        plant("mkfifo", fifo.toString());

        for (Path file : List.of(linked, fifo)) {
            Commands.Exec run = listns("--format", "prometheus", "--output-file", file.toString());
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertWrittenByRoot(file);
        }
        assertUntouched(victim);
    }

    @Test
    void anOutputDirectoryAnotherUserOwnsIsRefused() throws Exception {
        // There they could swap the temporary file for a link between its creation and the rename.
        Path theirs = shared.resolve("theirs");
        plant("mkdir", "-m", "0777", theirs.toString());
        Path output = theirs.resolve("listns.prom");

        Commands.Exec run = listns("--format", "prometheus", "--output-file", output.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).as("%s", run).containsExactly("listns: cannot write " + output + ": directory "
                + theirs.toRealPath() + " is owned by another user (uid 65534)");
        assertThat(entries(theirs)).isEmpty();
    }

    // ---------------------------------------------------------------- the terminal's width

    /**
     * {@code su} without {@code -} keeps the caller's PATH: a user who puts a directory of theirs first in
     * it, with an {@code stty} there, must not get root to run it when listns asks the terminal's width.
     */
    @Test
    void anSttyAUserPutFirstOnRootsPathIsNotRun() throws Exception {
        Workloads.require("script");
        Path bin = shared.resolve("bin");
        Path ran = shared.resolve("stty-ran");
        plant("sh", "-c", "mkdir " + bin + " && printf '#!/bin/sh\\ntouch " + ran + "\\necho 24 40\\n' > " + bin
                + "/stty && chmod 755 " + bin + "/stty");
        String path = bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        // The trap works: a program looked up on that PATH is the user's.
        Commands.Exec lookedUp = onTerminal(path, "stty size");
        assertThat(lookedUp.exitCode()).as("%s", lookedUp).isZero();
        assertThat(ran).as("the planted stty, looked up on PATH").exists();
        Files.delete(ran);

        Commands.Exec run = onTerminal(path, JarIT.newest().orElseThrow().java() + " -jar " + JarIT.jar() + " -t net");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).as("%s", run).contains("Namespace");
        assertThat(ran).as("listns ran the user's stty as root: %s", run).doesNotExist();
    }

    /**
     * Runs a shell command line as root on a pseudo-terminal ({@code script}), with {@code path} as its PATH
     * and no {@code COLUMNS}, so listns asks stty for the width.
     */
    private static Commands.Exec onTerminal(String path, String commandLine) throws Exception {
        return Commands.run(RUN_TIMEOUT, List.of("script", "-qec", commandLine, "/dev/null"), null, environment -> {
            environment.put("PATH", path);
            environment.remove("COLUMNS");
        });
    }

    // ---------------------------------------------------------------- helpers

    /** Runs a command as uid 65534 and expects it to succeed. */
    private static void plant(String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        all.addAll(List.of(command));
        Commands.Exec run = Commands.run(Duration.ofSeconds(10), all, null);
        assertThat(run.exitCode()).as("as uid 65534: %s: %s", all, run).isZero();
    }

    /** The packaged jar as root on the newest JDK (which has nothing of its own to say on stderr), killed after a minute. */
    private static Commands.Exec listns(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(JarIT.newest().orElseThrow().java().toString(), "-jar",
                JarIT.jar().toString()));
        command.addAll(List.of(arguments));
        return Commands.run(RUN_TIMEOUT, command, null);
    }

    private static void assertAuditRefused(Commands.Exec run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
        assertThat(run.stdout()).as("%s", run).isEmpty();
        assertThat(run.stderrLines()).as("%s", run).containsExactly("listns: audit: " + message);
    }

    private static void assertUntouched(Path file) throws Exception {
        assertThat(Files.readString(file)).isEqualTo(PRECIOUS);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(OLD);
        assertThat(Files.getAttribute(file, "unix:nlink")).as("links to %s", file).isIn(1, 2);
    }

    /** A regular file of root's, mode 0644, holding the metrics, where something else was planted. */
    private static void assertWrittenByRoot(Path file) throws Exception {
        assertThat(Files.isSymbolicLink(file)).as("%s", file).isFalse();
        assertThat(file).isRegularFile();
        assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(0);
        assertThat(Files.getAttribute(file, "unix:nlink")).isEqualTo(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("# HELP listns_build_info ");
    }

    private static List<Path> entries(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
