package dev.listns.audit;

import dev.listns.model.Namespace;
import dev.listns.model.ScanResult;

import java.util.List;

/**
 * What one audit run records: the boot it ran in, the scan's standing warnings, and every
 * non-initial namespace with all its holders (ignored ones too, see {@link IgnoreRules}).
 *
 * @param warnings    {@link ScanResult#warnings()} as they were last reported
 * @param unavailable {@link ScanResult#unavailable()} as they were last reported
 */
public record AuditState(String bootId, List<String> warnings, List<String> unavailable, List<Namespace> namespaces) {

    public AuditState {
        warnings = List.copyOf(warnings);
        unavailable = List.copyOf(unavailable);
        namespaces = namespaces.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** Initial namespaces are left out: they live as long as the host, so they never change. */
    public static AuditState of(ScanResult scan) {
        return new AuditState(scan.bootId(), scan.warnings(), scan.unavailable().kinds(),
                scan.namespaces().stream().filter(ns -> !ns.initial()).toList());
    }

    AuditState withWarningsOf(AuditState other) {
        return new AuditState(bootId, other.warnings, other.unavailable, namespaces);
    }
}
