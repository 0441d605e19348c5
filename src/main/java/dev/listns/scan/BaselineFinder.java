package dev.listns.scan;

import dev.listns.model.Baseline;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks the host's initial namespaces. kthreadd (PID 2, parent 0) lives in them by construction and
 * stays readable when PID 1 is not (some inits deny even root); PID 1 comes next, for hosts (or PID
 * namespaces) without a visible kthreadd; listns's own process last. Each type takes the first
 * candidate that could be read, so one unreadable link never turns every namespace "non-initial".
 */
final class BaselineFinder {

    Baseline find(ProcFs proc, ProcessTable processes) {
        List<Candidate> candidates = new ArrayList<>();
        processes.get(2).filter(e -> e.info().ppid() == 0 && e.info().name().equals("kthreadd"))
                .ifPresent(e -> candidates.add(new Candidate("pid 2 (kthreadd)", e.links())));
        processes.get(1).ifPresent(e -> candidates.add(new Candidate("pid 1 (" + e.info().name() + ")", e.links())));
        proc.readLink(proc.root().resolve("self")).map(ProcFs::parseNumber).flatMap(processes::get)
                .ifPresent(e -> candidates.add(new Candidate("listns itself (pid " + e.pid() + ")", e.links())));

        Map<NamespaceType, NamespaceId> initial = new EnumMap<>(NamespaceType.class);
        Set<Candidate> used = new HashSet<>();
        for (NamespaceType type : NamespaceType.values()) {
            for (Candidate candidate : candidates) {
                Optional<NamespaceId> id = candidate.links().own(type);
                if (id.isPresent()) {
                    initial.put(type, id.get());
                    used.add(candidate);
                    break;
                }
            }
        }
        // Named in order of preference, which is the order they were tried in.
        String source = candidates.stream().filter(used::contains).map(Candidate::source)
                .collect(Collectors.joining(", "));
        return new Baseline(source, initial);
    }

    private record Candidate(String source, NamespaceLinks links) {
    }
}
