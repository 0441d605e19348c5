package dev.listns.scan;

import dev.listns.model.ProcessInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one walk over /proc that every scan makes: for each process, its stat, command line, cgroup
 * and namespace links. Processes that vanish while being read are left out, silently.
 */
final class ProcessWalker {
    private final ProcFs proc;

    ProcessWalker(ProcFs proc) {
        this.proc = proc;
    }

    private record RawProcess(int pid, ProcStat stat, String command, String cgroup, NamespaceLinks links) {
    }

    ProcessTable walk() {
        List<String> linkNames = NamespaceLinks.supportedNames(proc);
        int[] pids = proc.numericEntries(proc.root());
        Optional<NamespaceLinks> initial = kthreadd(linkNames);
        // Reading /proc is syscall-bound; both cores help on a crowded host.
        List<RawProcess> raw = IntStream.of(pids).parallel()
                .mapToObj(pid -> read(pid, linkNames, initial))
                .filter(Objects::nonNull)
                .collect(Collectors.toList());

        Map<Integer, ContainerResolver.Candidate> candidates = new HashMap<>();
        for (RawProcess p : raw) {
            candidates.put(p.pid(), new ContainerResolver.Candidate(p.stat().ppid(), p.stat().comm(), p.command(), p.cgroup()));
        }
        ContainerResolver containers = new ContainerResolver(candidates);
        List<ProcessEntry> entries = new ArrayList<>(raw.size());
        for (RawProcess p : raw) {
            ProcessInfo info = new ProcessInfo(p.pid(), p.stat().ppid(), p.stat().comm(), p.command(), p.stat().startTime(),
                    containers.containerOf(p.pid()));
            entries.add(new ProcessEntry(info, p.links(), p.stat().threads()));
        }
        return new ProcessTable(entries, linkNames);
    }

    /**
     * kthreadd's links: the initial namespaces, known before the walk. A container always has a mount
     * namespace of its own, so a process wholly in these is in none, and its cgroup need not be read.
     */
    private Optional<NamespaceLinks> kthreadd(List<String> linkNames) {
        Path dir = proc.pidDir(2);
        return proc.readText(dir.resolve("stat")).flatMap(ProcStat::parse)
                .filter(stat -> stat.ppid() == 0 && stat.comm().equals("kthreadd"))
                .map(stat -> NamespaceLinks.read(proc, dir, linkNames))
                .filter(links -> !links.isEmpty());
    }

    private RawProcess read(int pid, List<String> linkNames, Optional<NamespaceLinks> initial) {
        Path dir = proc.pidDir(pid);
        Optional<ProcStat> stat = proc.readText(dir.resolve("stat")).flatMap(ProcStat::parse);
        if (stat.isEmpty()) {
            return null;
        }
        NamespaceLinks links = NamespaceLinks.read(proc, dir, linkNames);
        String command = proc.read(dir.resolve("cmdline")).map(ProcessWalker::joinArguments).orElse("");
        if (command.isEmpty()) {
            command = "[" + stat.get().comm() + "]";
        }
        boolean whollyInitial = initial.isPresent() && links.own().equals(initial.get().own());
        String cgroup = whollyInitial ? "" : proc.readText(dir.resolve("cgroup")).orElse("");
        return new RawProcess(pid, stat.get(), command, cgroup, links);
    }

    /** argv is NUL-separated; a newline inside an argument stays in the string, for formatters to escape. */
    static String joinArguments(byte[] cmdline) {
        int end = cmdline.length;
        while (end > 0 && cmdline[end - 1] == 0) {
            end--;
        }
        byte[] joined = new byte[end];
        for (int i = 0; i < end; i++) {
            joined[i] = cmdline[i] == 0 ? (byte) ' ' : cmdline[i];
        }
        return Utf8.DECODER.decode(joined);
    }
}
