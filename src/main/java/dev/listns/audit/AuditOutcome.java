package dev.listns.audit;

import dev.listns.model.ScanResult;

import java.util.List;

/**
 * What one audit run found, for the command to print.
 *
 * @param created        there was no state before: this run only recorded one
 * @param recorded       how many namespaces the state now holds
 * @param changes        the changes to report, ignored ones left out, in print order
 * @param reportWarnings the scan's warnings are news (first run, or different from the recorded ones)
 * @param scan           the scan, whose warnings to report
 */
public record AuditOutcome(boolean created, int recorded, List<Change> changes, boolean reportWarnings, ScanResult scan) {

    public AuditOutcome {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
