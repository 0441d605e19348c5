package dev.listns.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * {@code listns audit} as picocli reads it, for what {@link ArgumentParser} leaves to it (help, version,
 * usage errors) and for the docs. The options are {@link AuditOptions}', the same the fast parser reads.
 */
public final class AuditCommandLine implements Callable<Integer> {
    private final Environment environment;
    private final CommandSpec spec;
    private final DeclaredOptions options;

    AuditCommandLine(Environment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, AuditOptions.NAME);
        spec.usageMessage()
                .description("Reports the non-initial namespaces that appeared or disappeared since the last run, "
                        + "one per line, and records the current ones in the state file. Made for cron: silent when "
                        + "nothing changed; the first run only records.", "")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(CommandSpecs.exitCodes(
                    "0", "nothing changed (or first run: the state was created)",
                    "1", "something appeared or disappeared",
                    "2", "usage error (unknown option, bad value)",
                    "3", "error: state file unreadable, corrupt, not ours or unwritable; state, lock or ignore file "
                            + "or their directory open to other users; malformed ignore file; another audit running; "
                            + "scan failed. The state file is left as it was."))
                .footerHeading("%nExamples:%n")
                .footer(
                    "  listns audit --state /var/lib/listns/audit.state",
                    "  listns audit --state /var/lib/listns/audit.state --ignore /etc/listns/audit.ignore",
                    "",
                    "Lines (with --json: one JSON object per line instead):",
                    "  + net:[4026532281] bind mount /run/netns/foo",
                    "  - uts:[4026532200] process [podman:d4ff6e99ed56] sleep 600",
                    "",
                    "Ignore file: one rule per line, '#' comments. All key=pattern criteria on a",
                    "line must match. Keys: type, command, container, name, holder. Patterns: * and",
                    "? only; quote a pattern with blanks. Example:",
                    "  type=net holder=\"bind mount /run/docker/netns/*\"");
        options = DeclaredOptions.addTo(spec, AuditOptions.OPTIONS);
        CommandSpecs.addStandardHelpOptions(spec);
    }

    /** This command's options and help texts. */
    CommandSpec spec() {
        return spec;
    }

    /** What the options picocli parsed last ask for. */
    AuditChoices choices() {
        return AuditChoices.read(options);
    }

    @Override
    public Integer call() {
        return new AuditCommand(environment, choices()).call();
    }
}
