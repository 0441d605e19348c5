package dev.listns.audit;

import dev.listns.model.ScanRequest;
import dev.listns.model.ScanResult;
import dev.listns.model.Scanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One audit run: lock, read the recorded state, scan, compare, record the new state. The new state
 * is recorded before anything is reported, so a run that fails to record it reports nothing and the
 * next successful run reports the same changes; no change is ever lost, none reported twice.
 */
public final class Audit {
    private final StateStore store;
    private final IgnoreRules rules;

    public Audit(StateStore store, IgnoreRules rules) {
        this.store = store;
        this.rules = rules;
    }

    @SuppressWarnings("try") // the lock is held for the block's duration, never used inside it
    public AuditOutcome run(Scanner scanner) throws AuditException {
        store.checkLocation();
        try (StateStore.Lock lock = store.lock()) {
            // Read before scanning: a state file that must be refused should not cost a scan first.
            Optional<AuditState> recorded = store.read();
            // Only non-initial namespaces are audited.
            ScanResult scan = scanner.scan(ScanRequest.CHANGED_NAMESPACES);
            AuditState now = AuditState.of(scan);
            if (recorded.isEmpty()) {
                store.write(now);
                return new AuditOutcome(true, now.namespaces().size(), List.of(), true, scan);
            }
            boolean warningsChanged = StandingWarnings.changed(recorded.get(), now);
            // A loop, not a stream with a lambda: see StateWriter.
            List<Change> changes = new ArrayList<>();
            for (Change change : ChangeDetector.compare(recorded.get(), now)) {
                if (!rules.ignores(change.namespace())) {
                    changes.add(change);
                }
            }
            // Unchanged warnings keep their recorded wording, so an unchanged host leaves the file as it is.
            store.write(warningsChanged ? now : now.withWarningsOf(recorded.get()));
            return new AuditOutcome(false, now.namespaces().size(), changes, warningsChanged, scan);
        }
    }
}
