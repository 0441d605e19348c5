package dev.listns.containers;

import dev.listns.model.Container;

import java.util.Map;
import java.util.Optional;

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
        // Plain code, no lambdas: it runs on every host with a container (see NativeAccess.loader).
        Optional<String> usableName = usable(name);
        Optional<String> usablePod = usable(pod);
        Optional<String> usableNamespace = usable(podNamespace);
        boolean fits = fits(usableName, MAX_NAME) && fits(usablePod, MAX_NAME) && fits(usableNamespace, MAX_NAME)
                && labels.size() <= MAX_LABELS;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            fits = fits && label.getKey().length() <= MAX_NAME && label.getValue().length() <= MAX_LABEL;
        }
        if (!fits || usableName.isEmpty() && usablePod.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(container.named(usableName, usablePod, usableNamespace, labels));
    }

    private static Optional<String> usable(Optional<String> text) {
        return text.isPresent() && !text.get().isEmpty() ? text : Optional.empty();
    }

    private static boolean fits(Optional<String> text, int limit) {
        return text.isEmpty() || text.get().length() <= limit;
    }
}
