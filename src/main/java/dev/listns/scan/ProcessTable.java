package dev.listns.scan;

import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every process of one walk over /proc, by PID in ascending order. */
public final class ProcessTable {
    private final Map<Integer, ProcessEntry> byPid;
    private final List<String> linkNames;
    private final Optional<Long> nsfsDevice;
    private final WalkCost cost;
    private final List<String> namingNotes;

    ProcessTable(List<ProcessEntry> entries, List<String> linkNames, Optional<Long> nsfsDevice, WalkCost cost) {
        this(entries, linkNames, nsfsDevice, cost, List.of());
    }

    /** @param namingNotes what looking up the containers' names did, for --verbose */
    ProcessTable(List<ProcessEntry> entries, List<String> linkNames, Optional<Long> nsfsDevice, WalkCost cost,
            List<String> namingNotes) {
        this.namingNotes = List.copyOf(namingNotes);
        this.byPid = new LinkedHashMap<>();
        for (ProcessEntry entry : entries) {
            byPid.put(entry.pid(), entry);
        }
        this.linkNames = linkNames;
        this.nsfsDevice = nsfsDevice;
        this.cost = cost;
    }

    WalkCost cost() {
        return cost;
    }

    List<String> namingNotes() {
        return namingNotes;
    }

    public Collection<ProcessEntry> processes() {
        return byPid.values();
    }

    public Optional<ProcessEntry> get(int pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /** listns's own process, as {@code <proc>/self} names it; empty when that is unreadable or not in the walk. */
    Optional<ProcessEntry> self(ProcFs proc) {
        Optional<String> self = proc.readLink(proc.root().resolve("self"));
        return self.isPresent() ? get(ProcFs.parseNumber(self.get())) : Optional.empty();
    }

    /** The namespace link names this kernel has. */
    public List<String> linkNames() {
        return linkNames;
    }

    /** The device number of nsfs, as the walk learnt it; empty when it could not be read. */
    public Optional<Long> nsfsDevice() {
        return nsfsDevice;
    }

    /** The member processes of every namespace of {@code type}, in PID order. */
    public Map<NamespaceId, List<ProcessEntry>> membersPer(NamespaceType type) {
        Map<NamespaceId, List<ProcessEntry>> members = new LinkedHashMap<>();
        // Plain lookups rather than computeIfAbsent: this runs on every start, where a lambda is a class to spin.
        for (ProcessEntry entry : byPid.values()) {
            Optional<NamespaceId> id = entry.links().own(type);
            if (id.isPresent()) {
                List<ProcessEntry> list = members.get(id.get());
                if (list == null) {
                    list = new ArrayList<>();
                    members.put(id.get(), list);
                }
                list.add(entry);
            }
        }
        return members;
    }
}
