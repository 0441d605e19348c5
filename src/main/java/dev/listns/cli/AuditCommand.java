package dev.listns.cli;

import dev.listns.audit.Audit;
import dev.listns.audit.AuditException;
import dev.listns.audit.AuditOutcome;
import dev.listns.audit.ChangeFormatter;
import dev.listns.audit.IgnoreRules;
import dev.listns.audit.IgnoreRulesParser;
import dev.listns.audit.StateStore;
import dev.listns.model.ScanFailedException;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code listns audit}: choices in, audit run, changes out. The logic is in {@link dev.listns.audit}; the
 * options are read by {@link ArgumentParser} or, for help and errors, by picocli ({@link AuditCommandLine}).
 */
public final class AuditCommand implements Callable<Integer> {
    private final Environment environment;
    private final AuditChoices choices;

    AuditCommand(Environment environment, AuditChoices choices) {
        this.environment = environment;
        this.choices = choices;
    }

    @Override
    public Integer call() {
        Path state = choices.state();
        Path ignore = choices.ignore();
        AuditOutcome outcome;
        try {
            IgnoreRules rules = ignore == null ? IgnoreRules.none() : IgnoreRulesParser.read(ignore);
            outcome = new Audit(new StateStore(state), rules).run(choices.target().scanner(environment.scanners()));
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
        new ChangeFormatter(choices.json()).write(outcome.changes(), environment.out());
        return outcome.changed() ? ExitCodes.FAILURE_OR_CHANGED : ExitCodes.OK;
    }
}
