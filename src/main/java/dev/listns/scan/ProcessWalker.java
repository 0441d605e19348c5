package dev.listns.scan;

import dev.listns.model.Container;
import dev.listns.model.ProcessInfo;
import dev.listns.nativeaccess.FileStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one walk over /proc that every scan makes. For each process, with its directory looked up once:
 * stat, namespace links, command line (see {@link CommandLines}), cgroup, the descriptors that matter
 * to namespaces, and for a multi-threaded process its threads' links (their own and {@code *_for_children})
 * and private descriptor tables.
 * Processes that vanish while being read are left out, silently.
 */
final class ProcessWalker {
    private static final int[] NO_THREADS = new int[0];

    private final ProcFs proc;
    private final EarlyNamer namer;

    ProcessWalker(ProcFs proc) {
        this(proc, () -> ContainerNamer.NONE);
    }

    /** @param namer asked only when the walk found a container, so a host without one never makes it */
    ProcessWalker(ProcFs proc, Supplier<ContainerNamer> namer) {
        this.proc = proc;
        this.namer = new EarlyNamer(namer);
    }

    /**
     * @param command       empty for a process wholly in the initial namespaces: read later if needed
     * @param whollyInitial in the initial namespaces only, so in no container
     */
    private record RawProcess(int pid, ProcStat stat, String command, String cgroup, boolean whollyInitial,
            NamespaceLinks links, OpenFiles.ProcessFiles files, Map<Integer, NamespaceLinks> strayThreads) {
        ContainerResolver.Candidate candidate(ProcFs proc) {
            // An engine's supervisor (conmon, a shim) runs in the initial namespaces: its argv, read now, names the container.
            return new ContainerResolver.Candidate(stat.ppid(), stat.comm(), () -> command.isEmpty()
                    ? CommandLines.later(proc, pid, stat.comm(), stat.startTime()) : command, cgroup);
        }
    }

    ProcessTable walk() {
        List<String> linkNames = NamespaceLinks.supportedNames(proc);
        // nsfs's device tells a namespace file opened by path from any other file.
        Optional<Long> nsfsDevice = proc.stat(proc.root().resolve("self").resolve("ns").resolve("net")).map(FileStatus::device);
        int[] pids = proc.numericEntries(proc.root());
        Optional<NamespaceLinks> initial = kthreadd(linkNames);
        OpenFiles openFiles = new OpenFiles(nsfsDevice, FileTableSharing.of(proc));
        WalkCost cost = new WalkCost();
        // Reading /proc is syscall-bound; every core helps on a crowded host.
        List<RawProcess> raw = ParallelReads.map(pids.length, i -> read(pids[i], linkNames, initial, openFiles, cost));

        // Parents are found in the PID-ordered list itself: no map of ten thousand entries for a few lookups.
        int[] readPids = new int[raw.size()];
        for (int i = 0; i < readPids.length; i++) {
            readPids[i] = raw.get(i).pid();
        }
        ContainerResolver containers = new ContainerResolver(pid -> {
            int at = Arrays.binarySearch(readPids, pid);
            return at < 0 ? null : raw.get(at).candidate(proc);
        });
        List<Optional<Container>> found = new ArrayList<>(raw.size());
        Map<Container, Integer> onePidEach = new LinkedHashMap<>();
        for (RawProcess p : raw) {
            Optional<Container> container = p.whollyInitial() ? Optional.empty() : containers.containerOf(p.pid());
            found.add(container);
            container.ifPresent(c -> onePidEach.putIfAbsent(c, p.pid()));
        }
        ContainerNamer.Naming naming = onePidEach.isEmpty() ? new ContainerNamer.Naming(Map.of(), List.of())
                : namer.get().name(new ContainerSightings(proc, containers).of(onePidEach));
        List<ProcessEntry> entries = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            entries.add(entry(raw.get(i), found.get(i).map(c -> naming.named().getOrDefault(c, c))));
        }
        return new ProcessTable(entries, linkNames, nsfsDevice, cost, naming.notes());
    }

    // A method per process rather than a loop body, so the JIT compiles it early (see MemberDiscovery).
    private static ProcessEntry entry(RawProcess p, Optional<Container> container) {
        ProcessInfo info = new ProcessInfo(p.pid(), p.stat().ppid(), p.stat().comm(), p.command(), p.stat().startTime(),
                // Its UID is read only for output that shows it (DeferredReads).
                container, ProcessInfo.UNKNOWN_UID);
        return new ProcessEntry(info, p.links(), p.stat().threads(), p.files(), p.strayThreads());
    }

    /**
     * kthreadd's links: the initial namespaces, known before the walk. A container always has a mount
     * namespace of its own, so a process wholly in these is in none, and its cgroup need not be read.
     */
    private Optional<NamespaceLinks> kthreadd(List<String> linkNames) {
        try (ProcessDirectory dir = proc.process(2)) {
            return dir.readText("stat").flatMap(ProcStat::parse)
                    .filter(stat -> stat.ppid() == 0 && stat.comm().equals("kthreadd"))
                    .map(stat -> NamespaceLinks.read(dir, "", linkNames))
                    .filter(links -> !links.isEmpty());
        }
    }

    private RawProcess read(int pid, List<String> linkNames, Optional<NamespaceLinks> initial,
            OpenFiles openFiles, WalkCost cost) {
        long start = System.nanoTime();
        try (ProcessDirectory dir = proc.process(pid)) {
            Optional<ProcStat> stat = dir.readText("stat").flatMap(ProcStat::parse);
            if (stat.isEmpty()) {
                return null;
            }
            NamespaceLinks links = NamespaceLinks.read(dir, "", linkNames, initial.orElse(null));
            boolean whollyInitial = initial.isPresent() && links.own().equals(initial.get().own());
            String command = whollyInitial ? "" : CommandLines.now(dir, stat.get().comm());
            String cgroup = whollyInitial ? "" : dir.readText("cgroup").orElse("");
            if (EarlyNamer.hintsAtContainer(stat.get().comm(), cgroup)) {
                namer.prepareInBackground();
            }
            long threadsStart = System.nanoTime();
            cost.process(threadsStart - start);
            // Where the process's own links are unreadable (a protected init), its threads' are too.
            int[] tids = stat.get().threads() > 1 && !links.isEmpty() ? dir.numericEntries("task") : NO_THREADS;
            Map<Integer, NamespaceLinks> strays = new LinkedHashMap<>(0);
            for (int tid : tids) {
                if (tid != pid) {
                    // Most threads read as their process: then they share its links object.
                    NamespaceLinks threadLinks = NamespaceLinks.read(dir, "task/" + tid + "/", linkNames, links);
                    if (threadLinks != links && !threadLinks.sameAs(links)) {
                        strays.put(tid, threadLinks);
                    }
                }
            }
            long fdsStart = System.nanoTime();
            cost.threads(fdsStart - threadsStart);
            OpenFiles.ProcessFiles files = openFiles.read(dir, pid, tids);
            cost.fds(System.nanoTime() - fdsStart);
            return new RawProcess(pid, stat.get(), command, cgroup, whollyInitial, links, files, strays);
        }
    }
}
