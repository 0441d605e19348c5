package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.model.Baseline;
import dev.listns.model.Namespace;
import dev.listns.model.ScanResult;
import dev.listns.model.Unavailable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonlFormatterTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    static String render(ScanResult result) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            new JsonlFormatter().write(result, out);
        }
        return text.toString();
    }

    static List<JsonNode> parseLines(String text) throws Exception {
        assertThat(text).endsWith("\n").doesNotContain("\r");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            JsonNode node = JACKSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            lines.add(node);
        }
        return lines;
    }

    @Test
    void oneSelfContainedObjectPerNamespace() throws Exception {
        ScanResult scan = SampleScan.result();
        List<JsonNode> lines = parseLines(render(scan));

        assertThat(lines).hasSize(scan.namespaces().size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            Namespace ns = scan.namespaces().get(i);
            assertThat(line.get("version").asInt()).isEqualTo(JsonModel.SCHEMA_VERSION);
            assertThat(line.get("scanned_at").asText()).isEqualTo("2024-05-06T07:08:09.123Z");
            assertThat(line.get("boot_id").asText()).isEqualTo(SampleScan.BOOT_ID);
            assertThat(line.get("id").asText()).isEqualTo(ns.id().toString());
            assertThat(line.get("initial").asBoolean()).isEqualTo(ns.initial());
            assertThat(line.get("holders")).hasSize(ns.holders().size());
        }
    }

    @Test
    void eachLineHasTheFieldsOfTheJsonDocumentsNamespaces() throws Exception {
        ScanResult scan = SampleScan.result();
        List<JsonNode> lines = parseLines(render(scan));

        for (int i = 0; i < lines.size(); i++) {
            JsonNode expected = JACKSON.readTree(Json.compact(JsonModel.namespace(scan.namespaces().get(i))));
            JsonNode actual = lines.get(i);
            List<String> names = new ArrayList<>();
            actual.fieldNames().forEachRemaining(names::add);
            assertThat(names.subList(0, 3)).containsExactly("version", "scanned_at", "boot_id");
            expected.fields().forEachRemaining(field ->
                    assertThat(actual.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue()));
            assertThat(names).hasSize(3 + expected.size());
        }
    }

    @Test
    void countsMatchTheModel() throws Exception {
        List<JsonNode> lines = parseLines(render(SampleScan.result()));

        assertThat(lines).filteredOn(l -> !l.get("initial").asBoolean()).hasSize(7);
        assertThat(lines).filteredOn(l -> l.get("type").asText().equals("net") && !l.get("initial").asBoolean())
                .hasSize(3);
        JsonNode pod = lines.stream().filter(l -> l.get("id").asText().equals("user:[4026532500]")).findFirst().orElseThrow();
        assertThat(pod.get("processes")).hasSize(1);
        assertThat(pod.get("holders")).extracting(h -> h.get("kind").asText())
                .containsExactly("process", "for_children", "owned_namespace");
    }

    @Test
    void anEmptyScanWritesNothing() {
        ScanResult empty = new ScanResult(List.of(), new Baseline("none readable", Map.of()), false, List.of(),
                Unavailable.NONE, List.of(), Instant.EPOCH, Duration.ZERO, "unknown");
        assertThat(render(empty)).isEmpty();
    }

    @Test
    void stopsWhenTheReaderGoesAway() {
        Writer closed = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int[] writes = {0};
        PrintWriter out = new PrintWriter(closed) {
            @Override
            public void write(String text) {
                writes[0]++;
                super.write(text);
            }
        };
        new JsonlFormatter().write(SampleScan.result(), out);
        assertThat(writes[0]).isEqualTo(1);
    }
}
