package dev.listns.output;

import dev.listns.model.Namespace;
import dev.listns.model.ScanResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One JSON document: the scan's facts and one object per namespace. Schema in the README. */
public final class JsonFormatter implements Formatter {
    private final String generator;

    public JsonFormatter(String generator) {
        this.generator = generator;
    }

    @Override
    public void write(ScanResult result, PrintWriter out) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", JsonModel.SCHEMA_VERSION);
        json.put("generator", generator);
        json.put("scanned_at", result.startedAt().toString());
        json.put("boot_id", result.bootId());
        json.put("baseline", JsonModel.baseline(result));
        json.put("partial", result.partial());
        json.put("warnings", result.warnings());
        json.put("unavailable", result.unavailable().kinds());
        List<Object> namespaces = new ArrayList<>();
        for (Namespace ns : result.namespaces()) {
            namespaces.add(JsonModel.namespace(ns));
        }
        json.put("namespaces", namespaces);
        out.println(Json.pretty(json));
    }
}
