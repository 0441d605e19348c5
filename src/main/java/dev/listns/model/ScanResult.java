package dev.listns.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one scan found: every namespace with its holders, sorted by type and inode.
 *
 * @param warnings     things the user should know about the completeness of the result
 * @param unavailable  holder kinds this scan could not look for, and why
 * @param notes        details for {@code --verbose}
 * @param bootId       the kernel's boot id: namespace inodes and PIDs mean nothing across boots
 */
public record ScanResult(
        List<Namespace> namespaces,
        Baseline baseline,
        boolean partial,
        List<String> warnings,
        Unavailable unavailable,
        List<String> notes,
        Instant startedAt,
        Duration duration,
        String bootId) {

    public ScanResult {
        namespaces = List.copyOf(namespaces);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    public Optional<Namespace> find(NamespaceId id) {
        return namespaces.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
