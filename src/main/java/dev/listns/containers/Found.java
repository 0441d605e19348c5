package dev.listns.containers;

import dev.listns.model.Container;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an engine's files say of one container. Text is kept as the file holds it (output escapes it);
 * but a record beyond what engines write (a name of kilobytes, thousands of labels) is a hostile or
 * broken file, and names nothing.
 */
record Found(Optional<String> name, Optional<String> pod, Optional<String> podNamespace, Map<String, String> labels) {
    /** Kubernetes names are at most 253 characters, Docker's and podman's shorter; a label value may be longer. */
    static final int MAX_NAME = 1024;
    static final int MAX_LABEL = 16 * 1024;
    static final int MAX_LABELS = 512;

    static Found named(String name) {
        return new Found(Optional.of(name), Optional.empty(), Optional.empty(), Map.of());
    }

    /** {@code container} with this; empty when nothing usable was found or anything is out of bounds. */
    Optional<Container> applyTo(Container container) {
        Optional<String> usableName = name.filter(n -> !n.isEmpty());
        Optional<String> usablePod = pod.filter(p -> !p.isEmpty());
        Optional<String> usableNamespace = podNamespace.filter(n -> !n.isEmpty());
        boolean fits = Stream.of(usableName, usablePod, usableNamespace).flatMap(Optional::stream)
                .allMatch(text -> text.length() <= MAX_NAME)
                && labels.size() <= MAX_LABELS
                && labels.entrySet().stream().allMatch(e -> e.getKey().length() <= MAX_NAME && e.getValue().length() <= MAX_LABEL);
        if (!fits || usableName.isEmpty() && usablePod.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(container.named(usableName, usablePod, usableNamespace, labels));
    }
}
