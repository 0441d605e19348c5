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
        state.warnings().forEach(w -> line(out, StateFormat.WARNING + " " + StateFields.escape(w)));
        state.unavailable().forEach(u -> line(out, StateFormat.UNAVAILABLE + " " + StateFields.escape(u)));
        namedContainers(state).forEach(c -> line(out, String.join(" ", StateFormat.CONTAINER, StateFields.escape(c.engine()),
                StateFields.escape(c.id()), optionalText(c.name()), optionalText(c.pod()), optionalText(c.podNamespace()))));
        for (Namespace ns : state.namespaces()) {
            line(out, String.join(" ", StateFormat.NAMESPACE, ns.id().toString(), optional(ns.parent()),
                    optional(ns.owner()), optional(ns.ownerUid()), optional(ns.netnsId())));
            ns.nsId().ifPresent(id -> line(out, StateFormat.NAMESPACE_ID + " " + id));
            ns.names().stream().sorted().forEach(n -> line(out, StateFormat.NAME + " " + StateFields.escape(n)));
            // Sorted, so an unchanged host gives an identical file and the write can be skipped.
            ns.holders().stream().map(StateWriter::holder).sorted().forEach(h -> line(out, h));
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
                fields.add(p.container().map(Container::engine).map(StateFields::escape).orElse(StateFields.ABSENT));
                fields.add(p.container().map(Container::id).map(StateFields::escape).orElse(StateFields.ABSENT));
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
                holder.process().flatMap(ProcessInfo::container).filter(c -> c.name().isPresent() || c.pod().isPresent())
                        .ifPresent(c -> named.putIfAbsent(c.engine() + " " + c.id(), c));
            }
        }
        return named.values();
    }

    private static String optionalText(Optional<String> value) {
        return value.map(StateFields::escape).orElse(StateFields.ABSENT);
    }

    private static String optional(Optional<?> value) {
        return value.map(Object::toString).orElse(StateFields.ABSENT);
    }

    private static String optional(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : StateFields.ABSENT;
    }

    private static void line(StringBuilder out, String line) {
        out.append(line).append('\n');
    }
}
