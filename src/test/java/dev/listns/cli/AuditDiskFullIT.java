package dev.listns.cli;

import static dev.listns.audit.Fixtures.bindMount;
import static dev.listns.audit.Fixtures.id;
import static dev.listns.audit.Fixtures.member;
import static dev.listns.audit.Fixtures.named;
import static dev.listns.audit.Fixtures.ns;
import static dev.listns.audit.Fixtures.process;
import static dev.listns.audit.Fixtures.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.testing.Commands;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk must cost the cron job one error line, never the recorded state. Needs root to mount. */
class AuditDiskFullIT {
    private static final Namespace FOO = named(id(NamespaceType.NET, 4026532281L), "foo", bindMount("/run/netns/foo", 812));
    private static final Namespace SLEEPER = ns(id(NamespaceType.UTS, 4026532200L), member(process(4242, 900, "sleep 600")));

    @TempDir
    Path dir;

    @Test
    void aFullDiskLeavesTheOldStateByteForByteAndNoTemporaryFile() throws Exception {
        assumeThat(Commands.isRoot()).as("mounting a tmpfs needs root").isTrue();
        Path tiny = Files.createDirectory(dir.resolve("tiny"));
        Commands.Exec mount = Commands.run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", tiny.toString());
        assumeThat(mount.exitCode()).as("mount -t tmpfs: " + mount).isZero();
        try {
            Path state = tiny.resolve("audit.state");
            assertThat(audit(state, scan(FOO)).code()).isZero();
            byte[] before = Files.readAllBytes(state);
            fill(tiny.resolve("filler"));

            Run run = audit(state, scan(FOO, SLEEPER));

            assertThat(run.code()).isEqualTo(ExitCodes.AUDIT_ERROR);
            assertThat(run.out()).as("nothing reported that was not recorded").isEmpty();
            assertThat(run.err()).isEqualTo("listns: audit: cannot write state file " + state
                    + ": No space left on device\n");
            assertThat(Files.readAllBytes(state)).isEqualTo(before);
            try (Stream<Path> files = Files.list(tiny)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("audit.state", "audit.state.lock", "filler");
            }

            // Once there is room again, the change is reported: nothing was lost.
            Files.delete(tiny.resolve("filler"));
            Run retry = audit(state, scan(FOO, SLEEPER));
            assertThat(retry.code()).isEqualTo(ExitCodes.FAILURE_OR_CHANGED);
            assertThat(retry.out()).isEqualTo("+ uts:[4026532200] process sleep 600\n");
        } finally {
            Commands.run("umount", tiny.toString());
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // ENOSPC: exactly what was wanted
        }
    }

    record Run(int code, String out, String err) {
    }

    private static Run audit(Path state, ScanResult result) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(new PrintWriter(out), new PrintWriter(err), Terminal.notATerminal(),
                (procRoot, netnsDirs) -> request -> result);
        int code = new Listns(environment).run("audit", "--state", state.toString());
        return new Run(code, out.toString(), err.toString());
    }
}
