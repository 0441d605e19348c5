package dev.listns.scan;

import dev.listns.model.Container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the namer is told of each container a walk found: one process of it is enough, because every
 * process of a container has the same engine supervisor above it. Read once per container, not per
 * process: the owner's uid costs one read of {@code /proc/PID/status}.
 */
final class ContainerSightings {
    private final ProcFs proc;
    private final ContainerResolver resolver;

    ContainerSightings(ProcFs proc, ContainerResolver resolver) {
        this.proc = proc;
        this.resolver = resolver;
    }

    /** @param onePidEach a process of each container found */
    List<ContainerNamer.Sighting> of(Map<Container, Integer> onePidEach) {
        List<ContainerNamer.Sighting> sightings = new ArrayList<>(onePidEach.size());
        for (Map.Entry<Container, Integer> each : onePidEach.entrySet()) { // a loop: a lambda is a class to spin
            ContainerResolver.Supervisor supervisor = resolver.supervisorOf(each.getValue());
            sightings.add(new ContainerNamer.Sighting(each.getKey(), realUid(supervisor.pid()),
                    supervisor.containerdNamespace()));
        }
        return sightings;
    }

    /** The real uid from {@code Uid:} in /proc/PID/status, or -1 if the process is gone or the line unreadable. */
    private int realUid(int pid) {
        Optional<String> status = proc.readText(proc.pidDir(pid).resolve("status"));
        if (status.isEmpty()) {
            return -1;
        }
        for (String line : status.get().split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                // UIDs past 2^31 exist only in odd setups; such a user's engine state is not looked for.
                return ids[0].matches("[0-9]{1,9}") ? Integer.parseInt(ids[0]) : -1;
            }
        }
        return -1;
    }
}
