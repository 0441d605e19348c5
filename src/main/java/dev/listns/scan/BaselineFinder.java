package dev.listns.scan;

import dev.listns.model.Baseline;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the host's initial namespaces. kthreadd (PID 2, parent 0) lives in them by construction and
 * stays readable when PID 1 is not (some inits deny even root); PID 1 comes next, for hosts (or PID
 * namespaces) without a visible kthreadd; listns's own process last. Each type takes the first
 * candidate that could be read, so one unreadable link never turns every namespace "non-initial".
 *
 * <p>Plain loops, and no record hashed: this runs on every start, where each lambda, and the first
 * hashCode of each record, makes the JVM spin classes first, a cost a short run feels.
 */
final class BaselineFinder {

    Baseline find(ProcFs proc, ProcessTable processes) {
        List<Candidate> candidates = new ArrayList<>(3);
        Optional<ProcessEntry> two = processes.get(2);
        if (two.isPresent() && two.get().info().ppid() == 0 && two.get().info().name().equals("kthreadd")) {
            candidates.add(new Candidate("pid 2 (kthreadd)", two.get().links()));
        }
        Optional<ProcessEntry> init = processes.get(1);
        if (init.isPresent()) {
            candidates.add(new Candidate("pid 1 (" + init.get().info().name() + ")", init.get().links()));
        }
        Optional<ProcessEntry> self = processes.self(proc);
        if (self.isPresent()) {
            candidates.add(new Candidate("listns itself (pid " + self.get().pid() + ")", self.get().links()));
        }

        Map<NamespaceType, NamespaceId> initial = new EnumMap<>(NamespaceType.class);
        boolean[] used = new boolean[candidates.size()];
        for (NamespaceType type : NamespaceType.values()) {
            for (int i = 0; i < candidates.size(); i++) {
                Optional<NamespaceId> id = candidates.get(i).links().own(type);
                if (id.isPresent()) {
                    initial.put(type, id.get());
                    used[i] = true;
                    break;
                }
            }
        }
        // Named in order of preference, which is the order they were tried in.
        List<String> sources = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            if (used[i]) {
                sources.add(candidates.get(i).source());
            }
        }
        return new Baseline(String.join(", ", sources), initial);
    }

    private record Candidate(String source, NamespaceLinks links) {
    }
}
