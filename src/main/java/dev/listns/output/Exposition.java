package dev.listns.output;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Gauges in the Prometheus text exposition format 0.0.4, as node_exporter's textfile collector reads
 * it. Families and series come out sorted, so two runs over the same host differ only in their values
 * and a diff of the .prom file means something; a series given twice is a bug here, not in the input.
 * No sample timestamps: the textfile collector rejects them.
 */
final class Exposition {
    private final SortedMap<String, Family> families = new TreeMap<>();

    private static final class Family {
        final String help;
        /** Rendered label sets, e.g. {@code {kind="fd"}}, to their rendered values. */
        final SortedMap<String, String> series = new TreeMap<>();

        Family(String help) {
            this.help = help;
        }
    }

    /** Declares a gauge family; a family with no series still gets its HELP and TYPE lines. */
    Exposition gauge(String name, String help) {
        Family previous = families.putIfAbsent(name, new Family(help));
        if (previous != null && !previous.help.equals(help)) {
            throw new IllegalStateException("metric " + name + " declared twice with different help");
        }
        return this;
    }

    Exposition sample(String name, Map<String, String> labels, long value) {
        return sample(name, labels, Long.toString(value));
    }

    Exposition sample(String name, Map<String, String> labels, BigDecimal value) {
        return sample(name, labels, value.toPlainString());
    }

    private Exposition sample(String name, Map<String, String> labels, String value) {
        Family family = families.get(name);
        if (family == null) {
            throw new IllegalStateException("metric " + name + " has no HELP/TYPE declared");
        }
        String labelSet = labels(labels);
        if (family.series.putIfAbsent(labelSet, value) != null) {
            throw new IllegalStateException("duplicate series " + name + labelSet);
        }
        return this;
    }

    /** Seconds with nanosecond precision in plain notation: no exponent for a parser to trip on. */
    static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros();
    }

    /** Unix time in seconds, millisecond precision: what Prometheus's own {@code time()} compares with. */
    static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros();
    }

    void write(PrintWriter out) {
        StringBuilder text = new StringBuilder(4096);
        // Loops, not forEach with lambdas: see PrometheusFormatter.
        for (Map.Entry<String, Family> each : families.entrySet()) {
            String name = each.getKey();
            Family family = each.getValue();
            text.append("# HELP ").append(name).append(' ').append(escapeHelp(family.help)).append('\n');
            text.append("# TYPE ").append(name).append(" gauge\n");
            for (Map.Entry<String, String> series : family.series.entrySet()) {
                text.append(name).append(series.getKey()).append(' ').append(series.getValue()).append('\n');
            }
        }
        // '\n', never println: the format says LF whatever the platform's line separator.
        out.write(text.toString());
        out.flush();
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(label.getKey()).append("=\"").append(escapeLabelValue(label.getValue())).append('"');
        }
        return text.append('}').toString();
    }

    /** The three escapes the format defines for label values; anything else is taken literally. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text escapes only backslash and newline; a quote there is literal. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
