package dev.listns.output;

import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shape of the model, shared by every JSON-based output. Strings from processes are
 * escaped with {@link TerminalSafe} first, so JSON consumers see the same text as the table.
 *
 * <p>Loops and ifs throughout, where streams and Optional chains would do: {@code -J} is an every-day
 * output, and each lambda is a class the JVM spins at start-up.
 */
public final class JsonModel {
    /** Bumped on any incompatible change to the JSON documents; documented in the README. */
    public static final int SCHEMA_VERSION = 1;

    private JsonModel() {
    }

    public static Map<String, Object> namespace(Namespace ns) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ns.id().toString());
        json.put("type", ns.type().label());
        json.put("inode", ns.id().inode());
        json.put("ns_id", ns.nsId()); // null where the kernel has no ids (before 6.18, 6.11 for mount namespaces) or listns could not ask
        json.put("initial", ns.initial());
        List<String> names = new ArrayList<>(ns.names().size());
        for (String name : ns.names()) {
            names.add(TerminalSafe.escape(name));
        }
        json.put("names", names);
        json.put("parent", ns.parent().isPresent() ? Optional.of(ns.parent().get().toString()) : Optional.empty());
        json.put("owner", ns.owner().isPresent() ? Optional.of(ns.owner().get().toString()) : Optional.empty());
        json.put("owner_uid", ns.ownerUid());
        json.put("netnsid", ns.netnsId());
        List<Object> processes = new ArrayList<>();
        List<Object> threads = new ArrayList<>();
        List<Object> holders = new ArrayList<>();
        for (Holder holder : ns.holders()) {
            holders.add(holder(holder));
            if (holder.memberPid().isPresent()) {
                int member = holder.memberPid().getAsInt();
                boolean isProcess = holder.process().isEmpty() || holder.process().get().pid() == member;
                (isProcess ? processes : threads).add(member);
            }
        }
        json.put("processes", processes);
        json.put("threads", threads);
        json.put("holders", holders);
        return json;
    }

    public static Map<String, Object> holder(Holder holder) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", holder.kind().label());
        json.put("description", TerminalSafe.escape(holder.description()));
        if (holder.process().isPresent()) {
            json.putAll(process(holder.process().get()));
        }
        for (Map.Entry<String, Object> detail : holder.details().entrySet()) {
            json.put(detail.getKey(), detail.getValue() instanceof String text ? TerminalSafe.escape(text) : detail.getValue());
        }
        return json;
    }

    public static Map<String, Object> process(ProcessInfo p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", p.pid());
        json.put("ppid", p.ppid());
        json.put("comm", TerminalSafe.escape(p.name()));
        json.put("command", TerminalSafe.escape(p.command()));
        json.put("container", p.container().isPresent() ? Optional.of(container(p.container().get())) : Optional.empty());
        return json;
    }

    private static Map<String, Object> container(Container c) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("engine", c.engine());
        container.put("id", TerminalSafe.escape(c.id()));
        container.put("label", TerminalSafe.escape(c.label()));
        container.put("name", escaped(c.name()));
        container.put("pod", escaped(c.pod()));
        container.put("pod_namespace", escaped(c.podNamespace()));
        Map<String, Object> labels = new LinkedHashMap<>();
        for (Map.Entry<String, String> label : c.labels().entrySet()) {
            labels.put(TerminalSafe.escape(label.getKey()), TerminalSafe.escape(label.getValue()));
        }
        container.put("labels", labels);
        return container;
    }

    private static Optional<String> escaped(Optional<String> text) {
        return text.isPresent() ? Optional.of(TerminalSafe.escape(text.get())) : text;
    }

    public static Map<String, Object> baseline(ScanResult result) {
        Map<String, Object> initial = new LinkedHashMap<>();
        for (NamespaceType type : NamespaceType.values()) { // in the types' order
            NamespaceId id = result.baseline().namespaces().get(type);
            if (id != null) {
                initial.put(type.label(), id.inode());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", TerminalSafe.escape(result.baseline().source()));
        json.put("namespaces", initial);
        return json;
    }
}
