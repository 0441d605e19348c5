package dev.listns.audit;

import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;
import dev.listns.output.TerminalSafe;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an ignore criterion looks at. Text from processes is matched in its escaped form, the same
 * text the user sees in listns output, so a pattern copied from the output matches.
 */
enum IgnoreKey {
    /** The type label: {@code net}, {@code mnt}, ... */
    TYPE {
        @Override
        Stream<String> values(Namespace ns) {
            return Stream.of(ns.type().label());
        }
    },
    /** The command line of any process among the holders. */
    COMMAND {
        @Override
        Stream<String> values(Namespace ns) {
            return processes(ns).map(p -> TerminalSafe.escape(p.command()));
        }
    },
    /**
     * The container of any holder process, as shown ({@code engine:name}, for Kubernetes
     * {@code engine:namespace/pod/container}), or as {@code engine:short-id} or {@code engine:full-id},
     * so rules written before names were known still match.
     */
    CONTAINER {
        @Override
        Stream<String> values(Namespace ns) {
            return containers(ns).flatMap(c -> Stream.of(c.label(), c.engine() + ":" + c.shortId(), c.engine() + ":" + c.id()))
                    .map(TerminalSafe::escape);
        }
    },
    /** The name alone of any holder process's container, whatever its engine (for Kubernetes the container's name in its pod). */
    CONTAINER_NAME {
        @Override
        Stream<String> values(Namespace ns) {
            return containers(ns).flatMap(c -> c.name().stream()).map(TerminalSafe::escape);
        }
    },
    /** The Kubernetes pod of any holder process's container, as {@code namespace/pod} or {@code pod}. */
    POD {
        @Override
        Stream<String> values(Namespace ns) {
            return containers(ns).filter(c -> c.pod().isPresent())
                    .flatMap(c -> Stream.concat(c.podNamespace().map(n -> n + "/" + c.pod().get()).stream(), c.pod().stream()))
                    .map(TerminalSafe::escape);
        }
    },
    /** Any name of the namespace, such as an {@code ip netns} name. */
    NAME {
        @Override
        Stream<String> values(Namespace ns) {
            return ns.names().stream().map(TerminalSafe::escape);
        }
    },
    /**
     * Any holder, as the table describes it (with PIDs) or as audit lines do (its identity, without),
     * so a pattern can be copied from either.
     */
    HOLDER {
        @Override
        Stream<String> values(Namespace ns) {
            return ns.holders().stream().flatMap(h -> Stream.of(h.description(), h.identity())).map(TerminalSafe::escape);
        }
    };

    static final String VALID = Arrays.stream(values()).map(IgnoreKey::label).collect(Collectors.joining(", "));

    abstract Stream<String> values(Namespace ns);

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<IgnoreKey> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
    }

    /** Whether a pattern for this key can match anything at all; catches typos such as {@code type=nett}. */
    String problemWith(String pattern) {
        if (this == TYPE && pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0
                && NamespaceType.fromLabel(pattern).isEmpty()) {
            return "unknown namespace type '" + pattern + "' (valid: "
                    + Arrays.stream(NamespaceType.values()).map(NamespaceType::label).collect(Collectors.joining(", ")) + ")";
        }
        return null;
    }

    private static Stream<Container> containers(Namespace ns) {
        return processes(ns).flatMap(p -> p.container().stream());
    }

    private static Stream<ProcessInfo> processes(Namespace ns) {
        return ns.holders().stream().map(Holder::process).flatMap(Optional::stream);
    }
}
