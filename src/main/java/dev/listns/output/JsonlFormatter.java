package dev.listns.output;

import dev.listns.model.Namespace;
import dev.listns.model.ScanResult;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One compact JSON object per namespace per line, for log shippers that take each line as an event.
 * Every line carries the scan's time and boot id itself, because a shipper splits the lines apart
 * and the inode in one means nothing without the boot it was seen in.
 */
public final class JsonlFormatter implements Formatter {

    @Override
    public void write(ScanResult result, PrintWriter out) {
        String scannedAt = result.startedAt().toString();
        ReaderGone readerGone = new ReaderGone(out);
        for (Namespace ns : result.namespaces()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("version", JsonModel.SCHEMA_VERSION);
            line.put("scanned_at", scannedAt);
            line.put("boot_id", result.bootId());
            line.putAll(JsonModel.namespace(ns));
            // '\n', never println: JSON Lines says LF whatever the platform's line separator.
            out.write(Json.compact(line));
            out.write('\n');
            if (readerGone.afterWrite()) {
                return;
            }
        }
        out.flush();
    }
}
