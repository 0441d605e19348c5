package dev.listns.output;

import dev.listns.model.Holder;
import dev.listns.model.HolderKind;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanResult;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Metrics for node_exporter's textfile collector. Meant to be given the whole scan, unfiltered: a
 * metric that changed with the command line options would make two hosts incomparable. Every type
 * and holder kind gets a series even at zero, so "none" is a value and not a missing series.
 */
public final class PrometheusFormatter implements Formatter {
    static final String NAMESPACES = "listns_namespaces";
    static final String WITHOUT_PROCESS = "listns_namespaces_without_process";
    static final String BY_ENGINE = "listns_namespaces_by_engine";
    static final String HOLDERS = "listns_holders";
    static final String DURATION = "listns_scan_duration_seconds";
    static final String TIMESTAMP = "listns_scan_timestamp_seconds";
    static final String PARTIAL = "listns_scan_partial";
    static final String BUILD_INFO = "listns_build_info";
    /** The engine label of namespaces no container process holds: host services, sandboxes, ip netns. */
    static final String NO_ENGINE = "none";

    private final String version;

    public PrometheusFormatter(String version) {
        this.version = version;
    }

    @Override
    public void write(ScanResult result, PrintWriter out) {
        Exposition metrics = new Exposition()
                .gauge(NAMESPACES, "Namespaces found, by type and whether they are the host's initial ones.")
                .gauge(WITHOUT_PROCESS, "Namespaces no process or thread is a member of, kept alive only by a "
                        + "bind mount, an fd, a socket or a child namespace; by type.")
                .gauge(BY_ENGINE, "Non-initial namespaces by the container engine of the processes holding them; "
                        + "engine=\"" + NO_ENGINE + "\" when no holder is in a container. A namespace held from two "
                        + "engines counts for each.")
                .gauge(HOLDERS, "Things keeping namespaces alive, by kind and by whether the namespace is initial.")
                .gauge(DURATION, "How long the scan took.")
                .gauge(TIMESTAMP, "When the scan started, in seconds since the Unix epoch.")
                .gauge(PARTIAL, "1 if some of /proc could not be read and the counts are too low, else 0.")
                .gauge(BUILD_INFO, "The listns version that wrote these metrics; always 1.");
        namespaces(result, metrics);
        holders(result, metrics);
        engines(result, metrics);
        metrics.sample(DURATION, Map.of(), Exposition.seconds(result.duration()))
                .sample(TIMESTAMP, Map.of(), Exposition.seconds(result.startedAt()))
                .sample(PARTIAL, Map.of(), result.partial() ? 1 : 0)
                .sample(BUILD_INFO, Map.of("version", version), 1)
                .write(out);
    }

    // Loops rather than streams and lambdas here: node_exporter's textfile runs come every minute, and
    // each lambda is a class a cold JVM spins (README "Speed").
    private static void namespaces(ScanResult result, Exposition metrics) {
        int types = NamespaceType.values().length;
        long[][] counts = new long[2][types];
        long[] idle = new long[types];
        for (Namespace ns : result.namespaces()) {
            counts[ns.initial() ? 1 : 0][ns.type().ordinal()]++;
            if (!ns.hasMembers()) {
                idle[ns.type().ordinal()]++;
            }
        }
        for (NamespaceType type : NamespaceType.values()) {
            for (boolean initial : new boolean[] {true, false}) {
                metrics.sample(NAMESPACES, Map.of("type", type.label(), "initial", Boolean.toString(initial)),
                        counts[initial ? 1 : 0][type.ordinal()]);
            }
            metrics.sample(WITHOUT_PROCESS, Map.of("type", type.label()), idle[type.ordinal()]);
        }
    }

    private static void holders(ScanResult result, Exposition metrics) {
        // One pass over every holder: the initial namespaces alone hold each process several times.
        long[][] counts = new long[2][HolderKind.values().length];
        for (Namespace ns : result.namespaces()) {
            for (Holder holder : ns.holders()) {
                counts[ns.initial() ? 1 : 0][holder.kind().ordinal()]++;
            }
        }
        for (HolderKind kind : HolderKind.values()) {
            for (boolean initial : new boolean[] {true, false}) {
                metrics.sample(HOLDERS, Map.of("kind", kind.label(), "initial", Boolean.toString(initial)),
                        counts[initial ? 1 : 0][kind.ordinal()]);
            }
        }
    }

    private static void engines(ScanResult result, Exposition metrics) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put(NO_ENGINE, 0L);
        for (Namespace ns : result.namespaces()) {
            if (!ns.initial()) {
                for (String engine : engines(ns)) {
                    Long known = counts.get(engine);
                    counts.put(engine, known == null ? 1L : known + 1);
                }
            }
        }
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            metrics.sample(BY_ENGINE, Map.of("engine", count.getKey()), count.getValue());
        }
    }

    private static Set<String> engines(Namespace ns) {
        Set<String> engines = new TreeSet<>();
        for (Holder holder : ns.holders()) {
            Optional<ProcessInfo> process = holder.process();
            if (process.isPresent() && process.get().container().isPresent()) {
                engines.add(process.get().container().get().engine());
            }
        }
        if (engines.isEmpty()) {
            engines.add(NO_ENGINE);
        }
        return engines;
    }
}
