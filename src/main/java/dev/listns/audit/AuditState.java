package dev.listns.audit;

import dev.listns.model.Namespace;
import dev.listns.model.ScanResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What one audit run records: the boot it ran in, the scan's standing warnings, and every
 * non-initial namespace with all its holders (ignored ones too, see {@link IgnoreRules}).
 *
 * @param warnings    {@link ScanResult#warnings()} as they were last reported
 * @param unavailable {@link ScanResult#unavailable()} as they were last reported
 */
public record AuditState(String bootId, List<String> warnings, List<String> unavailable, List<Namespace> namespaces) {

    // A named comparator and loops, not lambdas and streams: see StateWriter.
    private static final Comparator<Namespace> BY_ID = new Comparator<>() {
        @Override
        public int compare(Namespace a, Namespace b) {
            return a.id().compareTo(b.id());
        }
    };

    public AuditState {
        warnings = List.copyOf(warnings);
        unavailable = List.copyOf(unavailable);
        List<Namespace> sorted = new ArrayList<>(namespaces);
        sorted.sort(BY_ID);
        namespaces = Collections.unmodifiableList(sorted);
    }

    /** Initial namespaces are left out: they live as long as the host, so they never change. */
    public static AuditState of(ScanResult scan) {
        List<Namespace> changeable = new ArrayList<>();
        for (Namespace ns : scan.namespaces()) {
            if (!ns.initial()) {
                changeable.add(ns);
            }
        }
        return new AuditState(scan.bootId(), scan.warnings(), scan.unavailable().kinds(), changeable);
    }

    AuditState withWarningsOf(AuditState other) {
        return new AuditState(bootId, other.warnings, other.unavailable, namespaces);
    }
}
