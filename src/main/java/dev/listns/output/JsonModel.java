package dev.listns.output;

import dev.listns.model.Holder;
import dev.listns.model.Namespace;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON shape of the model, shared by every JSON-based output. Strings from processes are
 * escaped with {@link TerminalSafe} first, so JSON consumers see the same text as the table.
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
        json.put("names", ns.names().stream().map(TerminalSafe::escape).collect(Collectors.toList()));
        json.put("parent", ns.parent().map(Object::toString));
        json.put("owner", ns.owner().map(Object::toString));
        json.put("owner_uid", ns.ownerUid());
        json.put("netnsid", ns.netnsId());
        List<Object> processes = new ArrayList<>();
        List<Object> threads = new ArrayList<>();
        List<Object> holders = new ArrayList<>();
        for (Holder holder : ns.holders()) {
            holders.add(holder(holder));
            if (holder.memberPid().isPresent()) {
                int member = holder.memberPid().getAsInt();
                boolean isProcess = holder.process().map(p -> p.pid() == member).orElse(true);
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
        holder.process().ifPresent(p -> json.putAll(process(p)));
        holder.details().forEach((key, value) -> json.put(key, value instanceof String text ? TerminalSafe.escape(text) : value));
        return json;
    }

    public static Map<String, Object> process(ProcessInfo p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", p.pid());
        json.put("ppid", p.ppid());
        json.put("comm", TerminalSafe.escape(p.name()));
        json.put("command", TerminalSafe.escape(p.command()));
        json.put("container", p.container().map(c -> {
            Map<String, Object> container = new LinkedHashMap<>();
            container.put("engine", c.engine());
            container.put("id", TerminalSafe.escape(c.id()));
            container.put("label", TerminalSafe.escape(c.label()));
            container.put("name", c.name().map(TerminalSafe::escape));
            container.put("pod", c.pod().map(TerminalSafe::escape));
            container.put("pod_namespace", c.podNamespace().map(TerminalSafe::escape));
            Map<String, Object> labels = new LinkedHashMap<>();
            c.labels().forEach((key, value) -> labels.put(TerminalSafe.escape(key), TerminalSafe.escape(value)));
            container.put("labels", labels);
            return container;
        }));
        return json;
    }

    public static Map<String, Object> baseline(ScanResult result) {
        Map<String, Object> initial = new LinkedHashMap<>();
        result.baseline().namespaces().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> initial.put(e.getKey().label(), e.getValue().inode()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", TerminalSafe.escape(result.baseline().source()));
        json.put("namespaces", initial);
        return json;
    }
}
