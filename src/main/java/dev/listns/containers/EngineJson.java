package dev.listns.containers;

import dev.listns.scan.Utf8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few fields listns reads from engines' JSON files, with our strict pull reader ({@link JsonReader}):
 * nothing is bound to classes, everything else is skipped (and checked). Bytes are decoded first as
 * listns decodes /proc ({@link Utf8}): a byte that is not UTF-8 survives as the character that stands
 * for it, and output shows it escaped, as it does for command lines. A file that is not what its engine
 * writes (a field of the wrong type, nesting past {@link #MAX_DEPTH}, a key twice, anything after the
 * root value) fails whole: no name from it.
 */
final class EngineJson {
    /** Engines' files nest a few levels (an OCI config.json about six); far more is a hostile file. */
    static final int MAX_DEPTH = 64;

    private EngineJson() {
    }

    /** A containers/storage entry: a container's id and its names. */
    record StorageEntry(String id, List<String> names) {
    }

    /** A container as Docker records it: its id, name ({@code /web1}) and labels. */
    record DockerConfig(Optional<String> id, Optional<String> name, Map<String, String> labels) {
    }

    /**
     * containers/storage's {@code containers.json} and {@code volatile-containers.json}: an array of
     * objects with {@code "id"} and {@code "names"} (containers/storage, containers.go, type Container).
     */
    static List<StorageEntry> storageContainers(byte[] bytes) throws IOException {
        JsonReader json = reader(bytes);
        json.beginArray();
        List<StorageEntry> entries = new ArrayList<>();
        while (json.hasNext()) {
            json.beginObject();
            String id = null;
            List<String> names = List.of();
            while (json.nextName()) {
                if (json.nameIs("id")) {
                    id = json.string();
                } else if (json.nameIs("names")) {
                    names = strings(json);
                } else {
                    json.skipValue();
                }
            }
            if (id != null) {
                entries.add(new StorageEntry(id, names));
            }
        }
        json.end();
        return entries;
    }

    /** An OCI runtime bundle's {@code config.json}: its {@code "annotations"} (runtime-spec config.md, map of string to string). */
    static Map<String, String> ociAnnotations(byte[] bytes) throws IOException {
        Map<String, String> annotations = Map.of();
        JsonReader json = reader(bytes);
        json.beginObject();
        while (json.nextName()) {
            if (json.nameIs("annotations")) {
                annotations = stringMap(json);
            } else {
                json.skipValue();
            }
        }
        json.end();
        return annotations;
    }

    /** Docker's {@code config.v2.json}: {@code "ID"}, {@code "Name"} and {@code "Config": {"Labels": {…}}}. */
    static DockerConfig docker(byte[] bytes) throws IOException {
        String id = null;
        String name = null;
        Map<String, String> labels = Map.of();
        JsonReader json = reader(bytes);
        json.beginObject();
        while (json.nextName()) {
            if (json.nameIs("ID")) {
                id = json.string();
            } else if (json.nameIs("Name")) {
                name = json.string();
            } else if (json.nameIs("Config") && json.nextIsObject()) {
                json.beginObject();
                while (json.nextName()) {
                    if (json.nameIs("Labels")) {
                        labels = stringMap(json);
                    } else {
                        json.skipValue();
                    }
                }
            } else {
                json.skipValue();
            }
        }
        json.end();
        return new DockerConfig(Optional.ofNullable(id), Optional.ofNullable(name), labels);
    }

    /** A JSON object of strings held in a string, as CRI-O keeps a container's labels in an annotation. */
    static Map<String, String> stringMap(String text) throws IOException {
        JsonReader json = new JsonReader(text, MAX_DEPTH);
        Map<String, String> map = stringMap(json);
        json.end();
        return map;
    }

    private static JsonReader reader(byte[] bytes) {
        return new JsonReader(Utf8.DECODER.decode(bytes), MAX_DEPTH);
    }

    /** An object whose every value is a string; {@code null} is an empty one, as Go writes a nil map. */
    private static Map<String, String> stringMap(JsonReader json) throws IOException {
        if (json.nextIsNull()) {
            return Map.of();
        }
        json.beginObject();
        Map<String, String> map = new LinkedHashMap<>();
        while (json.nextName()) {
            String key = json.name();
            map.put(key, json.string());
        }
        return map;
    }

    /** An array of strings; {@code null} is an empty one. */
    private static List<String> strings(JsonReader json) throws IOException {
        if (json.nextIsNull()) {
            return List.of();
        }
        json.beginArray();
        List<String> strings = new ArrayList<>();
        while (json.hasNext()) {
            strings.add(json.string());
        }
        return strings;
    }
}
