package dev.listns.cli;

import dev.listns.audit.Audit;
import dev.listns.audit.AuditException;
import dev.listns.audit.AuditOutcome;
import dev.listns.audit.ChangeFormatter;
import dev.listns.audit.IgnoreRules;
import dev.listns.audit.IgnoreRulesParser;
import dev.listns.audit.StateStore;
import dev.listns.model.ScanFailedException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code listns audit}: options in, audit run, changes out. The logic is in {@link dev.listns.audit}. */
public final class AuditCommand implements Callable<Integer> {
    private final Environment environment;
    private final CommandSpec spec;
    private final TypedOption<Path> state;
    private final TypedOption<Path> ignore;
    private final TypedOption<Boolean> json;
    private final DeclaredOptions target;

    public AuditCommand(Environment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "audit");
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
        state = TypedOption.add(spec, OptionSpec.builder("--state").type(Path.class).required(true).paramLabel("FILE")
                .description("The state file: created on the first run, replaced atomically on later ones (mode 600). "
                        + "Its directory must exist. FILE.lock next to it keeps overlapping runs apart. Other users must "
                        + "not be able to change either: the directory and those above it must be root's or yours and "
                        + "not writable by others (sticky ones like /tmp excepted), FILE and FILE.lock your own regular "
                        + "files with one link, never symbolic links.").build());
        ignore = TypedOption.add(spec, OptionSpec.builder("--ignore").type(Path.class).paramLabel("RULES_FILE")
                .description("Do not report namespaces that match a rule in this file: a regular file of root's or "
                        + "yours, not a symbolic link, writable by nobody else, at most 1 MiB.").build());
        json = TypedOption.add(spec, CommandSpecs.flag(
                "One JSON object per change and line: {\"change\":\"appeared\",\"namespace\":{...}}.", "-J", "--json"));
        target = DeclaredOptions.addTo(spec, ScanTarget.OPTIONS);
        CommandSpecs.addStandardHelpOptions(spec);
    }

    /** This command's options and help texts. */
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        Path state = this.state.value();
        Path ignore = this.ignore.value();
        AuditOutcome outcome;
        try {
            IgnoreRules rules = ignore == null ? IgnoreRules.none() : IgnoreRulesParser.read(ignore);
            outcome = new Audit(new StateStore(state), rules).run(ScanTarget.read(target).scanner(environment.scanners()));
        } catch (AuditException | ScanFailedException e) {
            environment.err().println("listns: audit: " + e.getMessage());
            return ExitCodes.AUDIT_ERROR;
        }
        if (outcome.reportWarnings()) {
            Diagnostics.report(outcome.scan(), false, environment.err());
        }
        if (outcome.created()) {
            int recorded = outcome.recorded();
            environment.err().println("listns: audit: recorded " + recorded + (recorded == 1 ? " namespace" : " namespaces")
                    + " in " + state + "; later runs report what changes");
        }
        new ChangeFormatter(json.value()).write(outcome.changes(), environment.out());
        return outcome.changed() ? ExitCodes.FAILURE_OR_CHANGED : ExitCodes.OK;
    }
}
