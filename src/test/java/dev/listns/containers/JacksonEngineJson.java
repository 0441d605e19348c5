package dev.listns.containers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.listns.containers.EngineJson.DockerConfig;
import dev.listns.containers.EngineJson.StorageEntry;
import dev.listns.scan.Utf8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The oracle of {@link EngineJsonDifferentialTest}: {@link EngineJson} as it was with jackson-core's
 * streaming parser (until listns read engines' files with {@link JsonReader}), unchanged but for its
 * name and the records, which are EngineJson's so that results compare with equals.
 *
 * <p>It reads the root value and stops: what follows it is never looked at. That is the one rule the
 * new reader deliberately does not share (it rejects anything but whitespace there); the test says so.
 */
final class JacksonEngineJson {
    /** Engines' files nest a few levels (an OCI config.json about six); far more is a hostile file. */
    static final int MAX_DEPTH = 64;
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JacksonEngineJson() {
    }

    /**
     * containers/storage's {@code containers.json} and {@code volatile-containers.json}: an array of
     * objects with {@code "id"} and {@code "names"} (containers/storage, containers.go, type Container).
     */
    static List<StorageEntry> storageContainers(byte[] bytes) throws IOException {
        try (JsonParser json = parser(bytes)) {
            expect(json, json.nextToken(), JsonToken.START_ARRAY);
            List<StorageEntry> entries = new ArrayList<>();
            while (json.nextToken() != JsonToken.END_ARRAY) {
                expect(json, json.currentToken(), JsonToken.START_OBJECT);
                String id = null;
                List<String> names = List.of();
                while (json.nextToken() != JsonToken.END_OBJECT) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    if (field.equals("id")) {
                        id = text(json, value);
                    } else if (field.equals("names")) {
                        names = strings(json, value);
                    } else {
                        json.skipChildren();
                    }
                }
                if (id != null) {
                    entries.add(new StorageEntry(id, names));
                }
            }
            return entries;
        }
    }

    /** An OCI runtime bundle's {@code config.json}: its {@code "annotations"} (runtime-spec config.md, map of string to string). */
    static Map<String, String> ociAnnotations(byte[] bytes) throws IOException {
        Map<String, String> annotations = Map.of();
        try (JsonParser json = parser(bytes)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() != JsonToken.END_OBJECT) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("annotations")) {
                    annotations = stringMap(json, value);
                } else {
                    json.skipChildren();
                }
            }
        }
        return annotations;
    }

    /** Docker's {@code config.v2.json}: {@code "ID"}, {@code "Name"} and {@code "Config": {"Labels": {…}}}. */
    static DockerConfig docker(byte[] bytes) throws IOException {
        String id = null;
        String name = null;
        Map<String, String> labels = Map.of();
        try (JsonParser json = parser(bytes)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() != JsonToken.END_OBJECT) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("ID")) {
                    id = text(json, value);
                } else if (field.equals("Name")) {
                    name = text(json, value);
                } else if (field.equals("Config") && value == JsonToken.START_OBJECT) {
                    while (json.nextToken() != JsonToken.END_OBJECT) {
                        String inner = json.currentName();
                        JsonToken innerValue = json.nextToken();
                        if (inner.equals("Labels")) {
                            labels = stringMap(json, innerValue);
                        } else {
                            json.skipChildren();
                        }
                    }
                } else {
                    json.skipChildren();
                }
            }
        }
        return new DockerConfig(Optional.ofNullable(id), Optional.ofNullable(name), labels);
    }

    /** A JSON object of strings held in a string, as CRI-O keeps a container's labels in an annotation. */
    static Map<String, String> stringMap(String text) throws IOException {
        try (JsonParser json = FACTORY.createParser(text)) {
            return stringMap(json, json.nextToken());
        }
    }

    private static JsonParser parser(byte[] bytes) throws IOException {
        return FACTORY.createParser(Utf8.DECODER.decode(bytes));
    }

    /** An object whose every value is a string; {@code null} is an empty one, as Go writes a nil map. */
    private static Map<String, String> stringMap(JsonParser json, JsonToken at) throws IOException {
        if (at == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        expect(json, at, JsonToken.START_OBJECT);
        Map<String, String> map = new LinkedHashMap<>();
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String key = json.currentName();
            map.put(key, text(json, json.nextToken()));
        }
        return map;
    }

    private static List<String> strings(JsonParser json, JsonToken at) throws IOException {
        if (at == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(json, at, JsonToken.START_ARRAY);
        List<String> strings = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            strings.add(text(json, json.currentToken()));
        }
        return strings;
    }

    private static String text(JsonParser json, JsonToken at) throws IOException {
        expect(json, at, JsonToken.VALUE_STRING);
        return json.getText();
    }

    private static void expect(JsonParser json, JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) {
            throw new IOException("expected " + wanted + ", found " + found + " at " + json.currentLocation());
        }
    }
}
