package dev.listns.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader's grammar, rule by rule, and what hostile files do to it: every failure is an
 * IOException, never another exception, a StackOverflowError or a partial answer.
 */
class JsonReaderTest {
    private static final int DEPTH = EngineJson.MAX_DEPTH;

    /** Reads {@code json} as one value, skipped, and checks that nothing follows it. */
    private static void skipWhole(String json) throws IOException {
        JsonReader reader = new JsonReader(json, DEPTH);
        reader.skipValue();
        reader.end();
    }

    /** The strings of a JSON array of strings, read (not skipped). */
    private static List<String> stringArray(String json) throws IOException {
        JsonReader reader = new JsonReader(json, DEPTH);
        List<String> strings = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
            strings.add(reader.string());
        }
        reader.end();
        return strings;
    }

    /** Every name and value of a JSON object of strings, read, as the CRI-O labels are. */
    private static Map<String, String> stringObject(String json) throws IOException {
        return EngineJson.stringMap(json);
    }

    static List<String> valid() {
        return List.of("{}", "[]", " \t\r\n[ ] \t\r\n", "{\"\":\"\"}", "[1,-1,0,-0,0.5,-0.5,10.25,1e5,1E5,1e+5,1e-5,1.5E-07,1E400,-0e0]",
                "[true,false,null]", "{\"a\":{\"b\":[{\"c\":[[],{}]}]}}", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\uFFFF\\uabcD\"]",
                "{\"a\":1,\"b\":2,\"ab\":3,\"ba\":4,\"A\":5}", "{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":1}}",
                "[\"\u007f\u0080\u00e9\u2028\ud83d\ude00\udcff\"]", "[\"\\ud800\",\"\\udc00\\ud800\"]",
                "[\n  {\n    \"id\" : \"x\" ,\n    \"names\" : [ \"y\" ]\n  }\n]");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validDocumentsAreRead(String json) throws IOException {
        skipWhole(json);
    }

    static List<String> invalid() {
        return List.of(
                // not a document
                "", " ", "\n\t", "]", "}", ":", ",", "x", "\uFEFF[]",
                // comments, quotes, non-JSON numbers and words
                "[/* c */1]", "[1 // c\n]", "[# c\n1]", "['a']", "{'a':1}", "{a:1}", "{1:2}", "[NaN]", "[Infinity]", "[-Infinity]",
                "[undefined]", "[tru]", "[true1]", "[truex]", "[True]", "[nul]", "[nulll]", "[False]",
                // numbers
                "[01]", "[-01]", "[00]", "[1.]", "[.5]", "[-]", "[1e]", "[1e+]", "[1E-]", "[+1]", "[1.e5]", "[1e5.3]", "[0x10]", "[1_000]",
                "[--1]", "[-.5]", "[1..2]", "[1 2]",
                // commas and colons
                "[1,]", "[,1]", "[1,,2]", "[,]", "{\"a\":1,}", "{,\"a\":1}", "{\"a\":1,,\"b\":2}", "{\"a\" 1}", "{\"a\"::1}",
                "{\"a\":}", "{\"a\"}", "{\"a\",\"b\"}", "[1:2]", "{\"a\":1 \"b\":2}",
                // unterminated
                "[", "[1", "[1,", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "[\"abc", "[\"abc\\", "[\"abc\\\"]", "{\"ab",
                "[\"\\u12", "[[[]]", "{\"a\":[}", "[{]", "[}", "{]",
                // escapes
                "[\"\\a\"]", "[\"\\U0041\"]", "[\"\\x41\"]", "[\"\\'\"]", "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"\\u-123\"]", "[\"\\ \"]",
                "{\"\\q\":1}",
                // whitespace JSON does not have
                "[\u000b1]", "[\u000c1]", "[\u00a01]", "[\u20281]", "[1]\u0000", "\u0000[]", "[\u0085]",
                // after the root value
                "[] x", "[]]", "[] []", "[]1", "{}}", "{} {}", "[]\"", "[]/**/", "[],", "null]");
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidDocumentsAreRejected(String json) {
        assertThatThrownBy(() -> skipWhole(json)).isInstanceOf(IOException.class).hasMessageContaining("at character");
    }

    @Test
    void everyUnescapedControlCharacterInAStringOrNameIsRejected() throws IOException {
        for (char c = 0; c < 0x20; c++) {
            String inString = "[\"a" + c + "b\"]";
            String inName = "{\"a" + c + "b\":1}";
            assertThatThrownBy(() -> skipWhole(inString)).as("U+%04X in a string", (int) c).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> skipWhole(inName)).as("U+%04X in a name", (int) c).isInstanceOf(IOException.class);
            String escaped = String.format("[\"a\\u%04xb\"]", (int) c);
            assertThat(stringArray(escaped)).as("U+%04X escaped", (int) c).containsExactly("a" + c + "b");
        }
    }

    @Test
    void escapesAreDecodedInStringsAndNames() throws IOException {
        assertThat(stringArray("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u0000\", \"\\u00e9\\u00E9\", \"x\\u0041y\", \"\\uD83D\\uDE00\"]"))
                .containsExactly("\"\\/\b\f\n\r\t", "\u0000", "\u00e9\u00e9", "xAy", new String(Character.toChars(0x1F600)));
        assertThat(stringObject("{\"\\u006Ba\\ty\":\"v\\\"\"}")).containsExactly(Map.entry("ka\ty", "v\""));
    }

    @Test
    void loneAndReversedSurrogateEscapesStayAsTheUnitsTheyName() throws IOException {
        // As jackson-core 2.22 by default: each \\uXXXX is one UTF-16 unit, checked for nothing more.
        assertThat(stringArray("[\"\\uD800\", \"a\\uDFFFb\", \"\\uDE00\\uD83D\", \"\\uD83Dx\"]"))
                .containsExactly("\uD800", "a\uDFFFb", "\uDE00\uD83D", "\uD83Dx");
    }

    @Test
    void textWithoutEscapesIsReturnedAsItIs() throws IOException {
        String odd = "\u007f\u00e9\u2028\ud83d\ude00\udcff\ud800 tab-free";
        assertThat(stringArray("[\"" + odd + "\"]")).containsExactly(odd);
    }

    @Test
    void nestingIsBoundedAtMaxDepthForReadAndSkippedValues() throws IOException {
        skipWhole("[".repeat(DEPTH) + "]".repeat(DEPTH));
        skipWhole("{\"a\":".repeat(DEPTH - 1) + "[]" + "}".repeat(DEPTH - 1));
        assertThatThrownBy(() -> skipWhole("[".repeat(DEPTH + 1) + "]".repeat(DEPTH + 1)))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting deeper than 64");
        assertThatThrownBy(() -> skipWhole("{\"a\":".repeat(DEPTH) + "[]" + "}".repeat(DEPTH)))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting deeper than 64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "{\"a\":", "[{\"a\":", "[1,"})
    void aHundredThousandOpenLevelsFailCleanly(String level) {
        String deep = level.repeat(100_000);
        String closed = deep + "]".repeat(100_000);
        assertThatThrownBy(() -> skipWhole(deep)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> skipWhole(closed)).isInstanceOf(IOException.class);
        // The same inside values the entry points read and skip.
        assertThatThrownBy(() -> EngineJson.storageContainers(("[{\"id\":\"x\",\"skipped\":" + deep).getBytes()))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting deeper");
        assertThatThrownBy(() -> EngineJson.storageContainers(("[" + deep).getBytes())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EngineJson.docker(("{\"Config\":{\"Env\":" + deep).getBytes())).isInstanceOf(IOException.class);
    }

    @Test
    void aNameTwiceInOneObjectFailsWhereverTheObjectIs() {
        List<String> twice = List.of("{\"a\":1,\"a\":1}", "{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":1,\"\\u0061\":2}", "{\"\\n\":1,\"\\u000a\":2}",
                "{\"\":1,\"\":2}", "[1,{\"x\":[{\"k\":null,\"k\":null}]}]", "{\"skip\":{\"deep\":{\"deeper\":[{\"n\":1,\"m\":2,\"n\":3}]}}}",
                "{\"\\uD83D\\uDE00\":1,\"\ud83d\ude00\":2}");
        for (String json : twice) {
            assertThatThrownBy(() -> skipWhole(json)).as(json).isInstanceOf(IOException.class).hasMessageContaining("a name twice");
        }
        // Inside a value an entry point skips, and in the object it reads.
        assertThatThrownBy(() -> EngineJson.storageContainers("[{\"id\":\"x\",\"metadata\":{\"a\":1,\"a\":2}}]".getBytes()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EngineJson.docker("{\"Config\":{\"Labels\":{},\"Labels\":{}}}".getBytes()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EngineJson.ociAnnotations("{\"annotations\":{\"k\":\"v\",\"k\":\"v\"}}".getBytes()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theSameNameInSiblingOrNestedObjectsOrAsAPrefixIsNoDuplicate() throws IOException {
        skipWhole("{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":1},\"c\":[{\"a\":1},{\"a\":2}],\"ab\":1,\"abc\":2,\"\":3,\"A\":4,\"\\u0062a\":5}");
    }

    @Test
    void manyNamesAreCheckedWithoutPairwiseComparison() throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 200_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"name-").append(Integer.toString(i * 7919 % 200_003, 36)).append("\":0");
        }
        skipWhole(json + "}");
        String withDuplicate = json + ",\"name-" + Integer.toString(12345 * 7919 % 200_003, 36) + "\":1}";
        assertThatThrownBy(() -> skipWhole(withDuplicate)).isInstanceOf(IOException.class).hasMessageContaining("a name twice");
    }

    @Test
    void hugeStringsAndNamesAndNumbersHaveNoLimitButTheFile() throws IOException {
        String huge = "x".repeat(4 << 20);
        assertThat(stringArray("[\"" + huge + "\"]")).containsExactly(huge);
        // jackson-core refused names over 50,000 characters and numbers over 1,000 digits; neither is
        // converted or kept here, and the file's size bounds both (see JsonReader).
        assertThat(stringObject("{\"" + "n".repeat(60_000) + "\":\"v\"}")).containsOnlyKeys("n".repeat(60_000));
        skipWhole("[" + "9".repeat(5_000) + "." + "9".repeat(5_000) + "e" + "9".repeat(5_000) + "]");
    }

    @Test
    void theEntryPointsWantTheirTypesAndTakeNullForEmpty() throws IOException {
        assertThat(EngineJson.stringMap("null")).isEmpty();
        assertThat(EngineJson.stringMap(" {\"a\":\"b\"} ")).containsExactly(Map.entry("a", "b"));
        assertThat(EngineJson.storageContainers("[{\"id\":\"i\",\"names\":null},{\"names\":[\"n\"]}]".getBytes()))
                .containsExactly(new EngineJson.StorageEntry("i", List.of()));
        for (String wrong : List.of("", "[]", "\"x\"", "{\"a\":1}", "{\"a\":null}", "{\"a\":[\"b\"]}", "{} x", "nullx", "null null")) {
            assertThatThrownBy(() -> EngineJson.stringMap(wrong)).as(wrong).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> EngineJson.storageContainers("[{\"id\":null}]".getBytes())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EngineJson.storageContainers("[{\"id\":\"i\",\"names\":[1]}]".getBytes())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EngineJson.storageContainers("[\"i\"]".getBytes())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EngineJson.docker("{\"Name\":{}}".getBytes())).isInstanceOf(IOException.class);
        assertThat(EngineJson.docker("{\"Config\":null,\"Name\":\"/n\"}".getBytes()).name()).hasValue("/n");
    }

    @Test
    void namesWithEscapesAreTheNamesTheyDecodeTo() throws IOException {
        assertThat(EngineJson.storageContainers("[{\"\\u0069d\":\"i\",\"n\\u0061mes\":[\"n\"]}]".getBytes()))
                .containsExactly(new EngineJson.StorageEntry("i", List.of("n")));
        assertThat(EngineJson.storageContainers("[{\"i\\u0064x\":\"i\"}]".getBytes())).isEmpty();
    }

    @Test
    void undecodableBytesSurviveAsTheCharactersThatStandForThem() throws IOException {
        byte[] json = {'[', '{', '"', 'i', 'd', '"', ':', '"', 'a', (byte) 0xff, (byte) 0xc3, '"', '}', ']'};
        assertThat(EngineJson.storageContainers(json)).containsExactly(new EngineJson.StorageEntry("a\udcff\udcc3", List.of()));
        byte[] outside = {'[', (byte) 0xff, ']'};
        assertThatThrownBy(() -> EngineJson.storageContainers(outside)).isInstanceOf(IOException.class);
    }

    @Test
    void errorsSayWhereAndShowNoHostileText() {
        assertThatThrownBy(() -> skipWhole("[1,\u001b]")).hasMessage("JSON: expected a value, found U+001B at character 3");
        assertThatThrownBy(() -> skipWhole("[1 x]")).hasMessage("JSON: expected ',' or ']', found 'x' at character 3");
        assertThatThrownBy(() -> skipWhole("{\"a\":1,\"a\":2}")).hasMessage("JSON: a name twice in the object that ends at character 12");
    }
}
