package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    static Stream<String> nastyStrings() {
        StringBuilder everyControl = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            everyControl.append(c);
        }
        return Stream.of(
                "",
                "plain",
                everyControl.toString(),
                "\u007f\u0080\u0085\u009b\u009f",
                "quote \" backslash \\ slash / both \\\"",
                "\u001b]0;pwned\u0007",
                "line1\nline2\r\n\tend",
                "\u2028\u2029 \u202e\ufeff",
                "emoji \ud83d\ude00 and \ud835\udd4f",
                "lone high \ud83d in the middle",
                "lone low \ude00 in the middle",
                "ends in a high surrogate \ud83d",
                "\ude00 starts with a low surrogate",
                "two highs \ud83d\ud83d\ude00",
                "escaped bytes \udcff\udc80",
                "{\"not\": [\"json\"]}",
                "日本語 é");
    }

    @ParameterizedTest
    @MethodSource("nastyStrings")
    void stringsSurviveARoundTripThroughJackson(String text) throws Exception {
        String compact = Json.compact(text);
        String pretty = Json.pretty(Map.of("k", text));

        assertThat(JACKSON.readTree(compact).textValue()).isEqualTo(text);
        assertThat(JACKSON.readTree(pretty).get("k").textValue()).isEqualTo(text);
        assertThat(compact.chars()).noneMatch(c -> c < 0x20 || c == 0x7F);
        assertThat(pretty.chars()).noneMatch(c -> (c < 0x20 && c != '\n') || c == 0x7F);
    }

    @Test
    void outputIsWellFormedUnicodeWithoutLoneSurrogates() {
        String json = Json.compact(List.of("a\ud83d", "\ude00b", "\udcff", "ok \ud83d\ude00"));

        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(json.charAt(++i)).as("low half after index %d", i - 1).matches(Character::isLowSurrogate);
            } else {
                assertThat(Character.isSurrogate(c)).as("lone surrogate at %d in %s", i, json).isFalse();
            }
        }
        assertThat(json).contains("\\ud83d", "\\ude00", "\\udcff", "ok \ud83d\ude00");
    }

    @Test
    void mapKeysAreEscapedToo() throws Exception {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k\"ey\n", 1);
        map.put(7, "seven");

        JsonNode parsed = JACKSON.readTree(Json.compact(map));

        assertThat(parsed.get("k\"ey\n").intValue()).isEqualTo(1);
        assertThat(parsed.get("7").textValue()).isEqualTo("seven");
    }

    @Test
    void nestedValuesWithOptionalsParseToTheSameTree() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("present", Optional.of("x\u0001"));
        inner.put("absent", Optional.empty());
        inner.put("int", OptionalInt.of(42));
        inner.put("noInt", OptionalInt.empty());
        inner.put("long", OptionalLong.of(4026531833L));
        inner.put("noLong", OptionalLong.empty());
        inner.put("nestedOptional", Optional.of(List.of(1, 2)));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("version", 1);
        value.put("big", Long.MAX_VALUE);
        value.put("negative", -5);
        value.put("yes", true);
        value.put("no", false);
        value.put("nothing", null);
        value.put("emptyList", List.of());
        value.put("emptyMap", Map.of());
        value.put("id", new NamespaceId(NamespaceType.NET, 4026532000L));
        value.put("list", Arrays.asList("a", 2, null, List.of(List.of()), inner));
        value.put("inner", inner);

        Map<String, Object> expectedInner = new LinkedHashMap<>();
        expectedInner.put("present", "x\u0001");
        expectedInner.put("absent", null);
        expectedInner.put("int", 42);
        expectedInner.put("noInt", null);
        expectedInner.put("long", 4026531833L);
        expectedInner.put("noLong", null);
        expectedInner.put("nestedOptional", List.of(1, 2));
        Map<String, Object> expected = new LinkedHashMap<>(value);
        expected.put("id", "net:[4026532000]");
        expected.put("list", Arrays.asList("a", 2, null, List.of(List.of()), expectedInner));
        expected.put("inner", expectedInner);
        JsonNode expectedTree = JACKSON.valueToTree(expected);

        for (String json : List.of(Json.compact(value), Json.pretty(value))) {
            JsonNode parsed = JACKSON.readTree(json);
            assertThat(parsed).as(json).isEqualTo(expectedTree);
            assertThat(fieldNames(parsed)).as("order kept").containsExactlyElementsOf(value.keySet());
            assertThat(fieldNames(parsed.get("inner"))).containsExactlyElementsOf(inner.keySet());
            assertThat(parsed.get("big").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void compactHasNoWhitespaceAndPrettyIndentsByTwo() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", List.of(1, 2));
        value.put("b", Map.of());
        value.put("c", List.of());

        assertThat(Json.compact(value)).isEqualTo("{\"a\":[1,2],\"b\":{},\"c\":[]}");
        assertThat(Json.pretty(value)).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}");
    }

    @Test
    void scalarsAtTheTopLevel() {
        assertThat(Json.compact(null)).isEqualTo("null");
        assertThat(Json.compact(Optional.empty())).isEqualTo("null");
        assertThat(Json.compact(OptionalInt.of(-1))).isEqualTo("-1");
        assertThat(Json.compact(true)).isEqualTo("true");
        assertThat(Json.compact("\u001f")).isEqualTo("\"\\u001f\"");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
