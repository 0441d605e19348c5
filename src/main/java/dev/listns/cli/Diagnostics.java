package dev.listns.cli;

import dev.listns.model.ScanResult;
import dev.listns.output.TerminalSafe;

import java.io.PrintWriter;

/** What a scan has to say on stderr: warnings always, in one line each; the rest only with --verbose. */
final class Diagnostics {
    private Diagnostics() {
    }

    static void report(ScanResult result, boolean verbose, PrintWriter err) {
        for (String warning : result.warnings()) {
            err.println("listns: warning: " + warning);
        }
        if (!result.unavailable().isEmpty()) {
            err.println("listns: not looked for on Java " + Runtime.version().feature() + ": "
                    + String.join(", ", result.unavailable().kinds()) + " (" + result.unavailable().reason() + ")");
        }
        if (verbose) {
            err.println("listns: baseline (initial namespaces) read from " + TerminalSafe.escape(result.baseline().source()));
            for (String note : result.notes()) {
                err.println("listns: " + note);
            }
            err.println("listns: scan took " + result.duration().toMillis() + " ms, found "
                    + result.namespaces().size() + " namespaces");
        }
        err.flush();
    }
}
