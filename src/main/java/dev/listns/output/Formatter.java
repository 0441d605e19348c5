package dev.listns.output;

import dev.listns.model.ScanResult;

import java.io.PrintWriter;

/** Turns a scan result into text. Formatters read only the model, never /proc. */
public interface Formatter {
    void write(ScanResult result, PrintWriter out);
}
