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
import java.util.function.IntFunction;
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
     * @param unreadTables  the threads whose descriptor tables are still to be read (see {@link DescriptorTables}), or null
     */
    private record RawProcess(int pid, ProcStat stat, String command, String cgroup, boolean whollyInitial,
            NamespaceLinks links, OpenFiles.ProcessFiles files, Map<Integer, NamespaceLinks> strayThreads,
            int[] unreadTables) {
        ContainerResolver.Candidate candidate(ProcFs proc) {
            return new ContainerResolver.Candidate(stat.ppid(), stat.comm(), new LaterCommand(proc, this), cgroup);
        }

        /** This process with its descriptor tables settled: {@code files}, and no thread's table left to read. */
        RawProcess settled(OpenFiles.ProcessFiles files) {
            return new RawProcess(pid, stat, command, cgroup, whollyInitial, links, files, strayThreads, null);
        }
    }

    /**
     * The command line of a process, for the container lookup. An engine's supervisor (conmon, a shim)
     * runs in the initial namespaces, so the walk did not read it: its argv, read now, names the container.
     * (A class, not a lambda: a run that spins no lambda spares the JVM its lambda machinery.)
     */
    private record LaterCommand(ProcFs proc, RawProcess process) implements Supplier<String> {
        @Override
        public String get() {
            return process.command().isEmpty()
                    ? CommandLines.later(proc, process.pid(), process.stat().comm(), process.stat().startTime())
                    : process.command();
        }
    }

    /** Reads the process at each index of the PID list (a class, not a lambda: see {@link LaterCommand}). */
    private final class Reader implements IntFunction<RawProcess> {
        private final int[] pids;
        private final List<String> linkNames;
        private final NamespaceLinks initial;
        private final DescriptorTables openFiles;
        private final WalkCost cost;

        Reader(int[] pids, List<String> linkNames, NamespaceLinks initial, DescriptorTables openFiles, WalkCost cost) {
            this.pids = pids;
            this.linkNames = linkNames;
            this.initial = initial;
            this.openFiles = openFiles;
            this.cost = cost;
        }

        @Override
        public RawProcess apply(int index) {
            return read(pids[index], linkNames, initial, openFiles, cost);
        }
    }

    /** The walk's processes by PID, from the PID-ordered list itself: no map of ten thousand entries for a few lookups. */
    private record ByPid(ProcFs proc, int[] pids, List<RawProcess> processes) implements IntFunction<ContainerResolver.Candidate> {
        @Override
        public ContainerResolver.Candidate apply(int pid) {
            int at = Arrays.binarySearch(pids, pid);
            return at < 0 ? null : processes.get(at).candidate(proc);
        }
    }

    ProcessTable walk() {
        List<String> linkNames = NamespaceLinks.supportedNames(proc);
        // nsfs's device tells a namespace file opened by path from any other file.
        Optional<FileStatus> nsfs = proc.stat(proc.root().resolve("self").resolve("ns").resolve("net"));
        Optional<Long> nsfsDevice = nsfs.isPresent() ? Optional.of(nsfs.get().device()) : Optional.empty();
        int[] pids = proc.numericEntries(proc.root());
        NamespaceLinks initial = kthreadd(linkNames);
        DescriptorTables openFiles = new DescriptorTables(proc, nsfsDevice);
        WalkCost cost = new WalkCost();
        // Reading /proc is syscall-bound; every core helps on a crowded host.
        List<RawProcess> raw = ParallelReads.map(pids.length, new Reader(pids, linkNames, initial, openFiles, cost),
                new Linked(proc));
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).unreadTables() != null) {
                raw.set(i, openFiles.threadTables(raw.get(i), cost));
            }
        }

        int[] readPids = new int[raw.size()];
        for (int i = 0; i < readPids.length; i++) {
            readPids[i] = raw.get(i).pid();
        }
        ContainerResolver containers = new ContainerResolver(new ByPid(proc, readPids, raw));
        List<Container> found = new ArrayList<>(raw.size());
        Map<Container, Integer> onePidEach = new LinkedHashMap<>();
        for (RawProcess p : raw) {
            Container container = p.whollyInitial() ? null : containers.containerOf(p.pid()).orElse(null);
            found.add(container);
            if (container != null) {
                onePidEach.putIfAbsent(container, p.pid());
            }
        }
        ContainerNamer.Naming naming = onePidEach.isEmpty() ? new ContainerNamer.Naming(Map.of(), List.of())
                : namer.get().name(new ContainerSightings(proc, containers).of(onePidEach));
        List<ProcessEntry> entries = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Container container = found.get(i);
            entries.add(entry(raw.get(i), container == null ? Optional.empty()
                    : Optional.of(naming.named().getOrDefault(container, container))));
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
     *
     * @return null when PID 2 is not kthreadd or its links cannot be read
     */
    private NamespaceLinks kthreadd(List<String> linkNames) {
        try (ProcessDirectory dir = proc.process(2)) {
            ProcStat stat = ProcStat.read(dir);
            if (stat == null || stat.ppid() != 0 || !stat.comm().equals("kthreadd")) {
                return null;
            }
            NamespaceLinks links = NamespaceLinks.read(dir, "", linkNames);
            return links.isEmpty() ? null : links;
        }
    }

    /**
     * Reads descriptor tables. A thread's table is read only when it is not known to share its process's,
     * which the kernel tells (kcmp) once the native calls are linked: a multi-threaded process read
     * before that has its own table read at once, and its threads' tables settled after the walk. So a
     * cold JDK 22+ walks through the JDK's file API while it links, instead of waiting for the link or
     * reading every thread's table.
     */
    private static final class DescriptorTables {
        private final ProcFs proc;
        private final Optional<Long> nsfsDevice;
        /** Before the link: asked for no thread's table (see {@link #leftForLater}), it needs no sharing. */
        private final OpenFiles beforeLink;
        /** Set once the link has ended: kcmp, or UNKNOWN without native calls. */
        private volatile OpenFiles linked;

        DescriptorTables(ProcFs proc, Optional<Long> nsfsDevice) {
            this.proc = proc;
            this.nsfsDevice = nsfsDevice;
            this.beforeLink = new OpenFiles(nsfsDevice, FileTableSharing.UNKNOWN, NativeSupport.possible());
        }

        /** The tables' reader once the link has ended (with kcmp, or without native calls at all); null while it goes on. */
        private OpenFiles ifLinked() {
            OpenFiles known = linked;
            if (known == null && !proc.linking()) {
                known = new OpenFiles(nsfsDevice, FileTableSharing.of(proc), NativeSupport.possible());
                linked = known;
            }
            return known;
        }

        /** Whether these threads' tables are left for {@link #threadTables}: then {@link #read} is given none. */
        boolean leftForLater(int[] tids) {
            return tids.length > 1 && ifLinked() == null;
        }

        OpenFiles.ProcessFiles read(ProcessDirectory dir, int pid, int[] tids) {
            OpenFiles now = ifLinked();
            return (now != null ? now : beforeLink).read(dir, pid, tids);
        }

        /**
         * The process's threads' tables, after the walk: most share the process's, which was read, so
         * nothing more is read; otherwise the tables are read again, with the threads', if the process is
         * still the one walked (same start time).
         */
        RawProcess threadTables(RawProcess p, WalkCost cost) {
            long start = System.nanoTime();
            proc.awaitLink();
            OpenFiles now = ifLinked();
            RawProcess settled = p.settled(p.files());
            if (now.sharesAll(p.pid(), p.unreadTables())) {
                cost.fds(System.nanoTime() - start);
                return settled;
            }
            try (ProcessDirectory dir = proc.process(p.pid())) {
                ProcStat stat = ProcStat.read(dir);
                if (stat != null && stat.startTime() == p.stat().startTime()) {
                    settled = p.settled(now.read(dir, p.pid(), p.unreadTables()));
                }
            }
            cost.fds(System.nanoTime() - start);
            return settled;
        }
    }

    /**
     * Opens once the native calls are linked: while a cold JVM links them, a helper thread of the walk
     * would take the core the link needs, and the walk waits for the link in the end anyway (measured on
     * the idle benchmark host against two threads from the start: 2 to 5% faster).
     */
    private record Linked(ProcFs proc) implements ParallelReads.Gate {
        @Override
        public boolean open() {
            return !proc.linking();
        }
    }

    /** @param initial kthreadd's links, or null */
    private RawProcess read(int pid, List<String> linkNames, NamespaceLinks initial, DescriptorTables openFiles, WalkCost cost) {
        long start = System.nanoTime();
        try (ProcessDirectory dir = proc.process(pid)) {
            ProcStat stat = ProcStat.read(dir);
            if (stat == null) {
                return null;
            }
            NamespaceLinks links = NamespaceLinks.read(dir, "", linkNames, initial);
            boolean whollyInitial = initial != null && links.own().equals(initial.own());
            String command = whollyInitial ? "" : CommandLines.now(dir, stat.comm());
            String cgroup = whollyInitial ? "" : dir.readText("cgroup").orElse("");
            if (EarlyNamer.hintsAtContainer(stat.comm(), cgroup)) {
                namer.prepareInBackground();
            }
            long threadsStart = System.nanoTime();
            cost.process(threadsStart - start);
            // Where the process's own links are unreadable (a protected init), its threads' are too.
            int[] tids = stat.threads() > 1 && !links.isEmpty() ? dir.numericEntries("task") : NO_THREADS;
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
            boolean later = openFiles.leftForLater(tids);
            OpenFiles.ProcessFiles files = openFiles.read(dir, pid, later ? NO_THREADS : tids);
            cost.fds(System.nanoTime() - fdsStart);
            return new RawProcess(pid, stat, command, cgroup, whollyInitial, links, files, strays, later ? tids : null);
        }
    }
}
