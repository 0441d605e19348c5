package dev.listns.audit;

import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.ProcessInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

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
        for (Namespace ns : state.namespaces()) {
            line(out, String.join(" ", StateFormat.NAMESPACE, ns.id().toString(), optional(ns.parent()),
                    optional(ns.owner()), optional(ns.ownerUid()), optional(ns.netnsId())));
            ns.names().stream().sorted().forEach(n -> line(out, StateFormat.NAME + " " + StateFields.escape(n)));
            // Sorted, so an unchanged host gives an identical file and the write can be skipped.
            ns.holders().stream().map(StateWriter::holder).sorted().forEach(h -> line(out, h));
        }
        line(out, StateFormat.END + " " + state.namespaces().size());
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String holder(Holder holder) {
        List<String> fields = new ArrayList<>();
        fields.add(holder.kind().label());
        if (holder instanceof Holders.Member m) {
            process(fields, m.info());
        } else if (holder instanceof Holders.Thread t) {
            fields.add(Integer.toString(t.tid()));
            process(fields, t.info());
        } else if (holder instanceof Holders.ForChildren f) {
            process(fields, f.info());
        } else if (holder instanceof Holders.ThreadForChildren f) {
            fields.set(0, StateFormat.THREAD_FOR_CHILDREN);
            fields.add(Integer.toString(f.tid()));
            process(fields, f.info());
        } else if (holder instanceof Holders.Fd f) {
            fields.add(Integer.toString(f.fd()));
            process(fields, f.info());
        } else if (holder instanceof Holders.ThreadFd f) {
            fields.set(0, StateFormat.THREAD_FD);
            fields.add(Integer.toString(f.tid()));
            fields.add(Integer.toString(f.fd()));
            process(fields, f.info());
        } else if (holder instanceof Holders.Socket s) {
            fields.add(Integer.toString(s.fd()));
            process(fields, s.info());
        } else if (holder instanceof Holders.ThreadSocket s) {
            fields.set(0, StateFormat.THREAD_SOCKET);
            fields.add(Integer.toString(s.tid()));
            fields.add(Integer.toString(s.fd()));
            process(fields, s.info());
        } else if (holder instanceof Holders.BindMount b) {
            fields.add(Integer.toString(b.mountId()));
            fields.add(b.mountNamespace().toString());
            fields.add(b.foreign() ? "1" : "0");
            fields.add(StateFields.escape(b.path()));
        } else if (holder instanceof Holders.ParentOf p) {
            fields.add(p.child().toString());
        } else if (holder instanceof Holders.OwnerOf o) {
            fields.add(o.owned().toString());
        } else {
            // A new holder kind must be taught to the state format before audit can record it.
            throw new IllegalStateException("audit state cannot record a holder of kind " + holder.kind().label());
        }
        return String.join(" ", fields);
    }

    private static void process(List<String> fields, ProcessInfo p) {
        fields.add(Integer.toString(p.pid()));
        fields.add(Integer.toString(p.ppid()));
        fields.add(Long.toString(p.startTime()));
        fields.add(StateFields.escape(p.comm()));
        fields.add(StateFields.escape(p.command()));
        fields.add(p.container().map(Container::engine).map(StateFields::escape).orElse(StateFields.ABSENT));
        fields.add(p.container().map(Container::id).map(StateFields::escape).orElse(StateFields.ABSENT));
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
