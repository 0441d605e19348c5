package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listns.model.Baseline;
import dev.listns.model.Container;
import dev.listns.model.HolderKind;
import dev.listns.model.NamespaceType;
import dev.listns.model.ScanResult;
import dev.listns.model.Unavailable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusFormatterTest {
    private static final String AWKWARD = "we\"ird\\en\ngine";

    static String render(ScanResult result, String version) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            new PrometheusFormatter(version).write(result, out);
        }
        return text.toString();
    }

    @Test
    void countsMatchTheHandBuiltScan() {
        Map<String, ExpositionText.Family> metrics = ExpositionText.parse(render(SampleScan.result(), "1.2.3"));

        ExpositionText.Family namespaces = metrics.get("listns_namespaces");
        Map<String, Integer> nonInitial = Map.of("cgroup", 0, "ipc", 0, "mnt", 1, "net", 3, "pid", 2, "time", 0,
                "user", 1, "uts", 0);
        nonInitial.forEach((type, count) -> {
            assertThat(namespaces.value(Map.of("type", type, "initial", "true"))).as(type).isEqualTo(1);
            assertThat(namespaces.value(Map.of("type", type, "initial", "false"))).as(type).isEqualTo(count.doubleValue());
        });
        assertThat(namespaces.samples()).hasSize(16);

        ExpositionText.Family idle = metrics.get("listns_namespaces_without_process");
        assertThat(idle.value(Map.of("type", "net"))).isEqualTo(2);
        assertThat(idle.value(Map.of("type", "pid"))).isEqualTo(1);
        assertThat(idle.samples()).hasSize(8).filteredOn(s -> s.value() != 0).hasSize(2);

        ExpositionText.Family holders = metrics.get("listns_holders");
        assertThat(holders.value(Map.of("kind", "process", "initial", "true"))).isEqualTo(8);
        assertThat(holders.value(Map.of("kind", "process", "initial", "false"))).isEqualTo(4);
        for (HolderKind kind : HolderKind.values()) {
            assertThat(holders.value(Map.of("kind", kind.label(), "initial", "true")))
                    .isEqualTo(kind == HolderKind.PROCESS ? 8 : 0);
            if (kind != HolderKind.PROCESS) {
                assertThat(holders.value(Map.of("kind", kind.label(), "initial", "false"))).as(kind.label()).isEqualTo(1);
            }
        }

        ExpositionText.Family engines = metrics.get("listns_namespaces_by_engine");
        assertThat(engines.samples()).extracting(s -> s.labels().get("engine") + "=" + (int) s.value())
                .containsExactly("docker=2", "none=3", "podman=2");

        assertThat(metrics.get("listns_scan_duration_seconds").value(Map.of())).isEqualTo(1.234005678);
        assertThat(metrics.get("listns_scan_timestamp_seconds").value(Map.of()))
                .isEqualTo(SampleScan.STARTED.toEpochMilli() / 1000.0);
        assertThat(metrics.get("listns_scan_partial").value(Map.of())).isZero();
        assertThat(metrics.get("listns_build_info").value(Map.of("version", "1.2.3"))).isEqualTo(1);
    }

    @Test
    void everyFamilyIsAGaugeWithHelpAndComesOutSorted() {
        Map<String, ExpositionText.Family> metrics = ExpositionText.parse(render(SampleScan.result(), "1.2.3"));

        assertThat(List.copyOf(metrics.keySet())).isSorted().allMatch(name -> name.startsWith("listns_")).containsExactly(
                "listns_build_info", "listns_holders", "listns_namespaces", "listns_namespaces_by_engine",
                "listns_namespaces_without_process", "listns_scan_duration_seconds", "listns_scan_partial",
                "listns_scan_timestamp_seconds");
        assertThat(metrics.values()).allSatisfy(family -> {
            assertThat(family.type()).isEqualTo("gauge");
            assertThat(family.help()).isNotBlank();
            assertThat(family.samples()).isNotEmpty();
        });
    }

    @Test
    void sameScanSameText() {
        assertThat(render(SampleScan.result(), "1.2.3")).isEqualTo(render(SampleScan.result(), "1.2.3"));
    }

    @Test
    void anEmptyScanStillNamesEveryTypeAndKind() {
        ScanResult empty = new ScanResult(List.of(), new Baseline("none readable", Map.of()), true, List.of(),
                Unavailable.NONE, List.of(), Instant.EPOCH, Duration.ZERO, "unknown");
        Map<String, ExpositionText.Family> metrics = ExpositionText.parse(render(empty, "1.2.3"));

        assertThat(metrics.get("listns_namespaces").samples()).hasSize(2 * NamespaceType.values().length)
                .allMatch(s -> s.value() == 0);
        assertThat(metrics.get("listns_holders").samples()).hasSize(2 * HolderKind.values().length);
        assertThat(metrics.get("listns_namespaces_by_engine").value(Map.of("engine", "none"))).isZero();
        assertThat(metrics.get("listns_scan_partial").value(Map.of())).isEqualTo(1);
        assertThat(metrics.get("listns_scan_timestamp_seconds").value(Map.of())).isZero();
    }

    @Test
    void labelValuesAreEscapedAndReadBackUnchanged() {
        String text = render(SampleScan.result(new Container(AWKWARD, SampleScan.DOCKER_ID)), "1.0\\\"x\"\n");

        assertThat(text).contains("listns_namespaces_by_engine{engine=\"we\\\"ird\\\\en\\ngine\"} 2\n")
                .contains("listns_build_info{version=\"1.0\\\\\\\"x\\\"\\n\"} 1\n");
        Map<String, ExpositionText.Family> metrics = ExpositionText.parse(text);
        assertThat(metrics.get("listns_namespaces_by_engine").value(Map.of("engine", AWKWARD))).isEqualTo(2);
        assertThat(metrics.get("listns_build_info").value(Map.of("version", "1.0\\\"x\"\n"))).isEqualTo(1);
    }

    @Test
    void promtoolAcceptsTheSampleScan() throws Exception {
        Promtool.assertAccepts(render(SampleScan.result(), "1.0.0"));
    }

    @Test
    void promtoolAcceptsEscapedLabelValues() throws Exception {
        Promtool.assertAccepts(render(SampleScan.result(new Container(AWKWARD, SampleScan.DOCKER_ID)), "1.0\\\"x\"\n"));
    }

    @Test
    void promtoolRejectsWhatItShould() throws Exception {
        // Proves the check is not vacuous: a bare quote in a label value must fail.
        Promtool.assumePresent();
        String broken = "# HELP listns_x x\n# TYPE listns_x gauge\nlistns_x{a=\"b\"c\"} 1\n";
        assertThatThrownBy(() -> Promtool.assertAccepts(broken)).isInstanceOf(AssertionError.class);
    }

    @Test
    void aSeriesGivenTwiceIsRefused() {
        Exposition exposition = new Exposition().gauge("listns_x", "x").sample("listns_x", Map.of("a", "1"), 1);
        assertThatThrownBy(() -> exposition.sample("listns_x", Map.of("a", "1"), 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("duplicate series");
    }
}
