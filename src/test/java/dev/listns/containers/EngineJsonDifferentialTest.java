package dev.listns.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.listns.scan.Utf8;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineJson} against its jackson-core predecessor ({@link JacksonEngineJson}, configured as it
 * was: nesting up to 64, strict duplicate detection), on thousands of generated documents: files of the
 * engines' shapes, many of them then damaged. Each of the four entry points must reject exactly what
 * jackson rejected and, where both accept, return equal results.
 *
 * <p>One rule is deliberately not jackson's: jackson read the root value and stopped, so
 * {@code [] junk} was accepted. Here what jackson accepted counts as accepted only when nothing but
 * whitespace follows the root value, as jackson's own parser says reading on; the test counts how
 * often that mattered. jackson's limits on a name's length (50,000 characters) and a number's (1,000
 * digits), which listns drops, are out of the generator's reach: its names and numbers are short.
 */
class EngineJsonDifferentialTest {
    private static final long SEED = 0x6c6973746e73L;
    private static final int DOCUMENTS = 6_000;

    /** The four entry points, each run on the text or its UTF-8 bytes. */
    private enum Entry {
        STORAGE, OCI, DOCKER, STRING_MAP
    }

    /** What one entry point made of a document: its result, or null for a rejection. */
    private record Outcome(Object result) {
        boolean accepted() {
            return result != null;
        }
    }

    private final int[][] counts = new int[Entry.values().length][2];
    private int trailingOnly;
    private int mutatedAccepted;

    @Test
    void acceptsExactlyWhatJacksonAcceptedAndReadsTheSame() throws IOException {
        Random random = new Random(SEED);
        for (int n = 0; n < DOCUMENTS; n++) {
            Entry shape = Entry.values()[random.nextInt(Entry.values().length)];
            byte[] document = generate(random, shape);
            boolean mutated = random.nextInt(10) < 6;
            if (mutated) {
                document = mutate(random, document);
            }
            for (Entry entry : Entry.values()) {
                Outcome ours = ours(entry, document);
                Outcome jackson = jackson(entry, document);
                assertThat(ours).as("%s of document %d: %s", entry, n, show(document)).isEqualTo(jackson);
                if (entry == shape) {
                    counts[entry.ordinal()][ours.accepted() ? 1 : 0]++;
                    if (mutated && ours.accepted()) {
                        mutatedAccepted++;
                    }
                }
            }
        }
        // Not vacuous: each entry point saw many documents of its shape accepted and many rejected.
        for (Entry entry : Entry.values()) {
            assertThat(counts[entry.ordinal()][1]).as("%s accepted", entry).isGreaterThan(DOCUMENTS / 20);
            assertThat(counts[entry.ordinal()][0]).as("%s rejected", entry).isGreaterThan(DOCUMENTS / 20);
        }
        assertThat(mutatedAccepted).as("damaged documents still valid (whitespace, digits...)").isGreaterThan(DOCUMENTS / 50);
        assertThat(trailingOnly).as("documents jackson took only because it never read past the root").isGreaterThan(10);
    }

    @Test
    void theRecordedAndWrittenEngineFilesReadTheSame() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(FakeEngineHost.resourcePath(""))) {
            files = walk.filter(file -> file.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        int accepted = 0;
        for (Path file : files) {
            byte[] document = Files.readAllBytes(file);
            for (Entry entry : Entry.values()) {
                Outcome ours = ours(entry, document);
                assertThat(ours).as("%s of %s", entry, file).isEqualTo(jackson(entry, document));
                accepted += ours.accepted() ? 1 : 0;
            }
        }
        assertThat(accepted).as("each file is accepted by its own entry point at least").isGreaterThanOrEqualTo(files.size());
    }

    @Test
    void contentAfterTheRootValueIsTheOneDeliberateDifference() throws IOException {
        byte[] list = "[{\"id\":\"a\",\"names\":[\"b\"]}] {\"more\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(JacksonEngineJson.storageContainers(list)).hasSize(1);
        assertThatThrownBy(() -> EngineJson.storageContainers(list)).isInstanceOf(IOException.class);
        assertThat(JacksonEngineJson.stringMap("null}")).isEmpty();
        assertThatThrownBy(() -> EngineJson.stringMap("null}")).isInstanceOf(IOException.class);
    }

    private static Outcome ours(Entry entry, byte[] document) {
        try {
            return new Outcome(switch (entry) {
                case STORAGE -> EngineJson.storageContainers(document);
                case OCI -> EngineJson.ociAnnotations(document);
                case DOCKER -> EngineJson.docker(document);
                case STRING_MAP -> EngineJson.stringMap(new String(document, StandardCharsets.UTF_8));
            });
        } catch (IOException e) {
            return new Outcome(null); // anything else (a RuntimeException, an Error) fails the test
        }
    }

    private Outcome jackson(Entry entry, byte[] document) {
        Object result;
        try {
            result = switch (entry) {
                case STORAGE -> JacksonEngineJson.storageContainers(document);
                case OCI -> JacksonEngineJson.ociAnnotations(document);
                case DOCKER -> JacksonEngineJson.docker(document);
                case STRING_MAP -> JacksonEngineJson.stringMap(new String(document, StandardCharsets.UTF_8));
            };
        } catch (IOException | RuntimeException e) {
            return new Outcome(null); // the callers caught both
        }
        String text = entry == Entry.STRING_MAP ? new String(document, StandardCharsets.UTF_8)
                : Utf8.DECODER.decode(document);
        if (!onlyWhitespaceAfterTheRoot(text)) {
            trailingOnly++;
            return new Outcome(null);
        }
        return new Outcome(result);
    }

    /** jackson's own word on whether anything follows the (valid) root value. */
    private static boolean onlyWhitespaceAfterTheRoot(String text) {
        try (JsonParser json = JacksonEngineJson.FACTORY.createParser(text)) {
            json.nextToken();
            json.skipChildren();
            return json.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ generator ---

    private static byte[] generate(Random random, Entry shape) {
        StringBuilder out = new StringBuilder();
        switch (shape) {
            case STORAGE -> storageList(random, out);
            case OCI -> ociConfig(random, out);
            case DOCKER -> dockerConfig(random, out);
            case STRING_MAP -> stringMapOrNull(random, out, 0);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void storageList(Random random, StringBuilder out) {
        out.append('[');
        int entries = random.nextInt(4);
        for (int e = 0; e < entries; e++) {
            comma(out, e, random);
            out.append('{');
            List<String> keys = new ArrayList<>(List.of("id", "names", "image", "layer", "metadata", "created", "flags"));
            fields(random, out, keys, 1);
            out.append('}');
        }
        out.append(']');
    }

    private static void ociConfig(Random random, StringBuilder out) {
        out.append('{');
        fields(random, out, new ArrayList<>(List.of("ociVersion", "process", "root", "mounts", "annotations", "linux", "hostname")), 1);
        out.append('}');
    }

    private static void dockerConfig(Random random, StringBuilder out) {
        out.append('{');
        fields(random, out, new ArrayList<>(List.of("ID", "Name", "Config", "State", "Created", "Driver", "MountPoints")), 1);
        out.append('}');
    }

    /** Some of {@code keys} in random order, now and then one twice; each with a value of its usual type, or now and then another. */
    private static void fields(Random random, StringBuilder out, List<String> keys, int depth) {
        int count = random.nextInt(keys.size() + 1);
        List<String> used = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            comma(out, f, random);
            String key = random.nextInt(40) == 0 && f > 0 ? used.get(random.nextInt(f)) : keys.remove(random.nextInt(keys.size()));
            used.add(key);
            if (random.nextInt(40) == 0) {
                key = key.substring(0, 1) + "\\u00" + Integer.toHexString(key.charAt(1)) + key.substring(2); // the same name, escaped
            }
            out.append('"').append(key).append("\":");
            space(out, random);
            if (random.nextInt(12) == 0) {
                value(random, out, depth); // the wrong type, now and then
                continue;
            }
            switch (key) {
                case "id", "ID", "Name", "hostname", "ociVersion", "created", "Created", "Driver", "image", "layer" -> string(random, out);
                case "metadata" -> metadata(random, out);
                case "names" -> stringsOrNull(random, out);
                case "annotations" -> stringMapOrNull(random, out, depth);
                case "Config" -> {
                    out.append('{');
                    fields(random, out, new ArrayList<>(List.of("Labels", "Env", "Cmd", "Image", "Hostname")), depth + 1);
                    out.append('}');
                }
                case "Labels" -> stringMapOrNull(random, out, depth);
                default -> value(random, out, depth);
            }
        }
    }

    /** podman's metadata: JSON kept in a string, so escapes galore. */
    private static void metadata(Random random, StringBuilder out) {
        StringBuilder inner = new StringBuilder();
        stringMapOrNull(random, inner, 0);
        out.append('"');
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            out.append(c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
        }
        out.append('"');
    }

    private static void stringsOrNull(Random random, StringBuilder out) {
        if (random.nextInt(8) == 0) {
            out.append("null");
            return;
        }
        out.append('[');
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            comma(out, i, random);
            string(random, out);
        }
        out.append(']');
    }

    private static void stringMapOrNull(Random random, StringBuilder out, int depth) {
        if (random.nextInt(8) == 0) {
            out.append("null");
            return;
        }
        out.append('{');
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            comma(out, i, random);
            string(random, out);
            out.append(':');
            space(out, random);
            if (random.nextInt(30) == 0) {
                value(random, out, depth + 1);
            } else {
                string(random, out);
            }
        }
        out.append('}');
    }

    /** Any JSON value; now and then a deep one, near the nesting bound of 64 or past it. */
    private static void value(Random random, StringBuilder out, int depth) {
        int kind = random.nextInt(depth > 8 ? 6 : 9);
        switch (kind) {
            case 0 -> string(random, out);
            case 1 -> number(random, out);
            case 2 -> out.append(random.nextBoolean() ? "true" : "false");
            case 3 -> out.append("null");
            case 4, 5 -> out.append(random.nextInt(3)).append('.').append(random.nextInt(100));
            case 6 -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    comma(out, i, random);
                    value(random, out, depth + 1);
                }
                out.append(']');
            }
            case 7 -> {
                out.append('{');
                List<String> keys = new ArrayList<>(List.of("a", "b", "type", "path", "options", "uid", "\\u0061"));
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    comma(out, i, random);
                    // "a" and "\u0061" are the same name: now and then a duplicate in a skipped object.
                    out.append('"').append(keys.remove(random.nextInt(keys.size()))).append("\":");
                    value(random, out, depth + 1);
                }
                out.append('}');
            }
            default -> {
                if (random.nextInt(4) == 0) {
                    int levels = 58 + random.nextInt(12) - depth;
                    out.append("[".repeat(Math.max(1, levels))).append("]".repeat(Math.max(1, levels)));
                } else {
                    out.append("[]");
                }
            }
        }
    }

    private static final String[] PIECES = {"web", "k8s", "io.kubernetes.pod.name", "/", "-", "_", " ", "\u00e9", "\u4e2d",
        "\ud83d\ude00", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u0000", "\\u001b", "\\u00e9", "\\uD83D\\uDE00", "\\ud800", "\\uDC80",
        "\\b\\f\\r", "\u007f", "\u2028"};

    private static void string(Random random, StringBuilder out) {
        out.append('"');
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        out.append('"');
    }

    private static void number(Random random, StringBuilder out) {
        if (random.nextBoolean()) {
            out.append('-');
        }
        out.append(random.nextInt(4) == 0 ? "0" : Integer.toString(1 + random.nextInt(100_000)));
        if (random.nextInt(3) == 0) {
            out.append('.').append(random.nextInt(1000));
        }
        if (random.nextInt(4) == 0) {
            out.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "" : random.nextBoolean() ? "+" : "-")
                    .append(random.nextInt(400));
        }
    }

    private static void comma(StringBuilder out, int index, Random random) {
        if (index > 0) {
            out.append(',');
            space(out, random);
        }
    }

    private static void space(StringBuilder out, Random random) {
        if (random.nextInt(4) == 0) {
            out.append(" \n\t\r".charAt(random.nextInt(4)));
        }
    }

    // ------------------------------------------------------------------- damage ---

    private static final String[] INSERTS = {"{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "\t", "0", "1", "-", "+", ".", "e",
        "E", "n", "t", "f", "null", "true", "x", "/", "/**/", "#", "'", "\u0001", "\u0000", "\u000b", "\u00a0", "\ufeff",
        "\\u", "\\u12", "\\uD800", "\\uZZZZ", "\\x", "\\\"", "\"\"", "\"a\":", "[]", "{}", ",]", ",}", "NaN", "Infinity",
        "\f", "\r", "00", "-0", "1.", ".5", "1e", "1e+", "E-"};

    /** Put next to a digit, where numbers break: leading zeros, lone signs, points and exponents without digits. */
    private static final String[] NUMBER_INSERTS = {"0", "1", ".", "e", "E", "-", "+", "x", " ", "\f"};

    /**
     * One to three of: a character deleted, doubled or inserted, a bracket swapped, a piece inserted, a
     * byte not UTF-8, the end cut or added to, a digit deleted or given a neighbour.
     */
    private static byte[] mutate(Random random, byte[] document) {
        byte[] bytes = document;
        int damages = 1 + random.nextInt(3);
        for (int d = 0; d < damages; d++) {
            int kind = random.nextInt(10);
            int at = kind >= 8 ? aDigit(random, bytes) : bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, at);
            int rest = at;
            switch (kind) {
                case 0 -> rest = Math.min(bytes.length, at + 1 + random.nextInt(3));
                case 1 -> {
                    if (at < bytes.length) {
                        out.write(bytes[at]);
                    }
                }
                case 2, 3 -> out.writeBytes(INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8));
                case 4 -> {
                    if (at < bytes.length) {
                        out.write(swapped(bytes[at]));
                        rest = at + 1;
                    }
                }
                case 5 -> out.write(random.nextBoolean() ? 0xff : 0xc3);
                case 6 -> rest = bytes.length; // cut here
                case 8 -> rest = Math.min(bytes.length, at + 1);
                case 9 -> out.writeBytes(NUMBER_INSERTS[random.nextInt(NUMBER_INSERTS.length)].getBytes(StandardCharsets.UTF_8));
                default -> {
                    out.write(bytes, at, bytes.length - at);
                    out.writeBytes(INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8));
                    rest = bytes.length;
                }
            }
            out.write(bytes, rest, bytes.length - rest);
            bytes = out.toByteArray();
        }
        return bytes;
    }

    /** Where a random digit is (or one past it), or anywhere if there is none. */
    private static int aDigit(Random random, byte[] bytes) {
        int digits = 0;
        for (byte b : bytes) {
            digits += b >= '0' && b <= '9' ? 1 : 0;
        }
        if (digits == 0) {
            return random.nextInt(bytes.length + 1);
        }
        int wanted = random.nextInt(digits);
        for (int i = 0; ; i++) {
            if (bytes[i] >= '0' && bytes[i] <= '9' && wanted-- == 0) {
                return i + (random.nextBoolean() ? 1 : 0);
            }
        }
    }

    private static int swapped(byte b) {
        return switch (b) {
            case '[' -> '{';
            case '{' -> '[';
            case ']' -> '}';
            case '}' -> ']';
            case '"' -> '\'';
            case ',' -> ':';
            case ':' -> ',';
            default -> b;
        };
    }

    private static String show(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8);
        return text.length() > 2_000 ? text.substring(0, 2_000) + "..." : text;
    }
}
