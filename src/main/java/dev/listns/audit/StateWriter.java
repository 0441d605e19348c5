package dev.listns.audit;

import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.HolderRecord;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.ProcessInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Encodes a state as {@link StateFormat} describes. */
final class StateWriter {
    private StateWriter() {
    }

    static byte[] encode(AuditState state) {
        StringBuilder out = new StringBuilder(4096);
        line(out, StateFormat.HEADER);
        line(out, StateFormat.BOOT + " " + StateFields.escape(state.bootId()));
        // Loops, not streams and lambdas: cron runs this every few minutes, and every lambda is a class a
        // cold JVM spins (README "Speed").
        for (String warning : state.warnings()) {
            line(out, StateFormat.WARNING + " " + StateFields.escape(warning));
        }
        for (String unavailable : state.unavailable()) {
            line(out, StateFormat.UNAVAILABLE + " " + StateFields.escape(unavailable));
        }
        for (Container c : namedContainers(state)) {
            line(out, String.join(" ", StateFormat.CONTAINER, StateFields.escape(c.engine()), StateFields.escape(c.id()),
                    optionalText(c.name()), optionalText(c.pod()), optionalText(c.podNamespace())));
        }
        for (Namespace ns : state.namespaces()) {
            line(out, String.join(" ", StateFormat.NAMESPACE, ns.id().toString(), optional(ns.parent()),
                    optional(ns.owner()), optional(ns.ownerUid()), optional(ns.netnsId())));
            if (ns.nsId().isPresent()) {
                line(out, StateFormat.NAMESPACE_ID + " " + ns.nsId().getAsLong());
            }
            for (String name : sorted(ns.names())) {
                line(out, StateFormat.NAME + " " + StateFields.escape(name));
            }
            // Sorted, so an unchanged host gives an identical file and the write can be skipped.
            List<String> holders = new ArrayList<>(ns.holders().size());
            for (Holder holder : ns.holders()) {
                holders.add(holder(holder));
            }
            for (String holder : sorted(holders)) {
                line(out, holder);
            }
        }
        line(out, StateFormat.END + " " + state.namespaces().size());
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The holder's record: its tag, then its fields as the holder kind lists them, each written as its type is. */
    private static String holder(Holder holder) {
        List<String> fields = new ArrayList<>();
        fields.add(holder.recordTag());
        holder.writeFields(new HolderRecord.Writer() {
            @Override
            public void integer(int value) {
                fields.add(Integer.toString(value));
            }

            @Override
            public void flag(boolean value) {
                fields.add(value ? "1" : "0");
            }

            @Override
            public void text(String value) {
                fields.add(StateFields.escape(value));
            }

            @Override
            public void namespace(NamespaceId id) {
                fields.add(id.toString());
            }

            @Override
            public void process(ProcessInfo p) {
                fields.add(Integer.toString(p.pid()));
                fields.add(Integer.toString(p.ppid()));
                fields.add(Long.toString(p.startTime()));
                fields.add(StateFields.escape(p.name()));
                fields.add(StateFields.escape(p.command()));
                Container container = p.container().orElse(null);
                fields.add(container == null ? StateFields.ABSENT : StateFields.escape(container.engine()));
                fields.add(container == null ? StateFields.ABSENT : StateFields.escape(container.id()));
            }
        });
        return String.join(" ", fields);
    }

    /**
     * Each container with a name or pod, once, by engine and id: process records name only the engine
     * and id, and these lines add what the engines' state said (not the labels, which audit lines never show).
     */
    private static Collection<Container> namedContainers(AuditState state) {
        Map<String, Container> named = new TreeMap<>();
        for (Namespace ns : state.namespaces()) {
            for (Holder holder : ns.holders()) {
                Optional<ProcessInfo> process = holder.process();
                Container c = process.isPresent() ? process.get().container().orElse(null) : null;
                if (c != null && (c.name().isPresent() || c.pod().isPresent())) {
                    named.putIfAbsent(c.engine() + " " + c.id(), c);
                }
            }
        }
        return named.values();
    }

    private static String optionalText(Optional<String> value) {
        return value.isPresent() ? StateFields.escape(value.get()) : StateFields.ABSENT;
    }

    private static String optional(Optional<?> value) {
        return value.isPresent() ? value.get().toString() : StateFields.ABSENT;
    }

    /** The strings in their natural order, as stream().sorted() gives them. */
    private static List<String> sorted(Collection<String> strings) {
        List<String> sorted = new ArrayList<>(strings);
        Collections.sort(sorted);
        return sorted;
    }

    private static String optional(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : StateFields.ABSENT;
    }

    private static void line(StringBuilder out, String line) {
        out.append(line).append('\n');
    }
}
