package dev.listns.audit;

import dev.listns.model.Holder;
import dev.listns.model.MainHolder;
import dev.listns.output.Json;
import dev.listns.output.JsonModel;
import dev.listns.output.TerminalSafe;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line per change. Text: {@code + net:[4026532281] bind mount /run/netns/foo}, the sign, the
 * namespace and its main holder's identity (no PID or fd number: for a namespace that disappeared they
 * would point at nothing, or at some other process by now). JSON: one compact object per line, the
 * namespace in the shape {@code listns --json} uses, so {@code jq} can read the stream line by line.
 */
public final class ChangeFormatter {
    static final String NO_HOLDER = "(no holder found)";

    private final boolean json;

    public ChangeFormatter(boolean json) {
        this.json = json;
    }

    public void write(List<Change> changes, PrintWriter out) {
        for (Change change : changes) {
            out.println(json ? json(change) : text(change));
        }
        out.flush();
    }

    static String text(Change change) {
        String holder = MainHolder.of(change.namespace()).map(Holder::identity).orElse(NO_HOLDER);
        return change.kind().sign() + " " + change.namespace().id() + " " + TerminalSafe.escape(holder);
    }

    static String json(Change change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("change", change.kind().label());
        json.put("namespace", JsonModel.namespace(change.namespace()));
        return Json.compact(json);
    }
}
