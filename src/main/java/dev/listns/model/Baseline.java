package dev.listns.model;

import java.util.Map;
import java.util.Optional;

/**
 * The host's initial namespaces, against which "non-initial" is decided.
 *
 * @param source which process they were read from, e.g. {@code pid 2 (kthreadd)}
 */
public record Baseline(String source, Map<NamespaceType, NamespaceId> namespaces) {

    public Baseline {
        namespaces = Map.copyOf(namespaces);
    }

    public boolean isInitial(NamespaceId id) {
        return id.equals(namespaces.get(id.type()));
    }

    public Optional<NamespaceId> of(NamespaceType type) {
        return Optional.ofNullable(namespaces.get(type));
    }
}
