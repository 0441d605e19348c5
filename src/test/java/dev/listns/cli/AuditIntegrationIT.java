package dev.listns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.testing.Commands;
import dev.listns.scan.ProcFsScanner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit against the real kernel, as root: a named network namespace comes and goes. */
class AuditIntegrationIT {
    private static final String NAME = "listns-audit-it";
    /** The host may be busy with other namespaces; a quiet run is retried this often before failing. */
    private static final int QUIET_ATTEMPTS = 5;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    @Test
    void aNamedNetworkNamespaceAppearsStaysAndDisappears() throws Exception {
        assumeThat(Commands.isRoot()).as("needs root").isTrue();
        assumeThat(Commands.run("ip", "netns", "list").exitCode()).as("needs iproute2").isZero();
        Commands.run("ip", "netns", "del", NAME); // a leftover of an aborted run
        Path state = dir.resolve("audit.state");
        // Only network namespaces: other tests and tools on this host come and go with the rest.
        Path ignore = Files.writeString(dir.resolve("audit.ignore"),
                "type=cgroup\ntype=ipc\ntype=mnt\ntype=pid\ntype=time\ntype=user\ntype=uts\n");
        try {
            Run first = audit(state, ignore);
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).isEmpty();

            assertThat(Commands.run("ip", "netns", "add", NAME).exitCode()).isZero();
            long inode = (Long) Files.getAttribute(Path.of("/run/netns", NAME), "unix:ino");
            Run appeared = audit(state, ignore);
            assertThat(appeared.code()).as(appeared.err()).isEqualTo(ExitCodes.FAILURE_OR_CHANGED);
            assertThat(appeared.err()).isEmpty();
            assertThat(appeared.out().lines())
                    .contains("+ net:[" + inode + "] bind mount /run/netns/" + NAME);

            Run quiet = untilQuiet(state, ignore);
            assertThat(quiet).isEqualTo(new Run(ExitCodes.OK, "", ""));

            assertThat(Commands.run("ip", "netns", "del", NAME).exitCode()).isZero();
            Run disappeared = audit(state, ignore);
            assertThat(disappeared.code()).as(disappeared.err()).isEqualTo(ExitCodes.FAILURE_OR_CHANGED);
            assertThat(disappeared.out().lines())
                    .contains("- net:[" + inode + "] bind mount /run/netns/" + NAME);
        } finally {
            Commands.run("ip", "netns", "del", NAME);
        }
    }

    /**
     * Runs until a run reports nothing. Our namespace must never be reported again; anything else
     * that turns up is another process's doing and is simply recorded by that run.
     */
    private Run untilQuiet(Path state, Path ignore) {
        Run run = null;
        for (int attempt = 0; attempt < QUIET_ATTEMPTS; attempt++) {
            run = audit(state, ignore);
            assertThat(run.out()).doesNotContain(NAME);
            if (run.code() == ExitCodes.OK) {
                return run;
            }
        }
        return run;
    }

    private static Run audit(Path state, Path ignore) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(new PrintWriter(out), new PrintWriter(err), Terminal.notATerminal(),
                (procRoot, netnsDirs) -> ProcFsScanner.forTree(procRoot, netnsDirs, true));
        int code = new Listns(environment).run(List.of("audit", "--state", state.toString(), "--ignore", ignore.toString())
                .toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
