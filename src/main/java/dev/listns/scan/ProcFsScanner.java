package dev.listns.scan;

import dev.listns.debug.DebugLog;
import dev.listns.model.Baseline;
import dev.listns.model.Namespace;
import dev.listns.model.ScanFailedException;
import dev.listns.model.ScanRequest;
import dev.listns.model.ScanResult;
import dev.listns.model.StagedScanner;
import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.KernelNamespaceSyscalls;
import dev.listns.nativeaccess.MountSyscalls;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeAccess;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a procfs tree into the model: one walk over the processes, then each holder discovery in
 * turn; then, once the output has said what it shows, the command lines only it needs. The proc root and the netns directories are parameters so tests can point them at a fake tree.
 */
public final class ProcFsScanner implements StagedScanner {
    public static final Path HOST_PROC_ROOT = Path.of("/proc");
    public static final List<Path> DEFAULT_NETNS_DIRS = List.of(Path.of("/run/netns"), Path.of("/var/run/netns"));

    private final Path procRoot;
    private final List<Path> netnsDirs;
    private final Supplier<Optional<NamespaceSyscalls>> nativeLoader;
    private final Supplier<Optional<FileSyscalls>> fileLoader;
    private final boolean privileged;
    private final Supplier<ForeignMountTables> mountTables;
    private final Supplier<Optional<KernelNamespaceSyscalls>> kernelLoader;
    private final DebugLog log;
    private final Supplier<ContainerNamer> containerNamer;
    private final FileLinking fileLinking;

    /** When the walk may use the native file calls. */
    private enum FileLinking {
        /**
         * Once linked: until then it reads through the JDK's file API (a real host on JDK 22+, where a cold
         * JVM takes a good part of a small host's scan to link them).
         */
        WHILE_WALKING,
        /** From its start, after waiting for the link: Java 17 to 21 (no link to wait for) and tests. */
        BEFORE_WALK,
        /** Tests: only once the scan waits for them, after the walk (see {@link #linkingFilesWhenAwaited}). */
        WHEN_AWAITED
    }

    /** A scanner that reads files through the JDK's file API. */
    public ProcFsScanner(Path procRoot, List<Path> netnsDirs, Supplier<Optional<NamespaceSyscalls>> nativeLoader,
            boolean privileged) {
        this(procRoot, netnsDirs, nativeLoader, Optional::empty, privileged);
    }

    /** @param fileLoader native file reads, for speed; the JDK's file API is used when it answers empty */
    public ProcFsScanner(Path procRoot, List<Path> netnsDirs, Supplier<Optional<NamespaceSyscalls>> nativeLoader,
            Supplier<Optional<FileSyscalls>> fileLoader, boolean privileged) {
        this(procRoot, netnsDirs, nativeLoader, fileLoader, privileged, new MountTablesPerScan(false, DebugLog.OFF),
                Optional::empty, DebugLog.OFF);
    }

    /**
     * @param mountTables  makes, for each scan, the reader of mount namespaces no unchrooted process is in
     * @param kernelLoader the kernel's answers about namespaces themselves (ids, its lists of them): only
     *                     for the host's own /proc, since its lists are of the whole system
     * @param log          where the scan's notes also go as they are made, for {@code --debug}
     */
    ProcFsScanner(Path procRoot, List<Path> netnsDirs, Supplier<Optional<NamespaceSyscalls>> nativeLoader,
            Supplier<Optional<FileSyscalls>> fileLoader, boolean privileged, Supplier<ForeignMountTables> mountTables,
            Supplier<Optional<KernelNamespaceSyscalls>> kernelLoader, DebugLog log) {
        this(procRoot, netnsDirs, nativeLoader, fileLoader, privileged, mountTables, kernelLoader, log,
                () -> ContainerNamer.NONE, FileLinking.BEFORE_WALK);
    }

    private ProcFsScanner(Path procRoot, List<Path> netnsDirs, Supplier<Optional<NamespaceSyscalls>> nativeLoader,
            Supplier<Optional<FileSyscalls>> fileLoader, boolean privileged, Supplier<ForeignMountTables> mountTables,
            Supplier<Optional<KernelNamespaceSyscalls>> kernelLoader, DebugLog log, Supplier<ContainerNamer> containerNamer,
            FileLinking fileLinking) {
        this.containerNamer = containerNamer;
        this.fileLinking = fileLinking;
        this.procRoot = procRoot;
        this.netnsDirs = List.copyOf(netnsDirs);
        this.nativeLoader = nativeLoader;
        this.fileLoader = fileLoader;
        this.privileged = privileged;
        this.mountTables = mountTables;
        this.kernelLoader = kernelLoader;
        this.log = log;
    }

    /** The real host, as seen by the running process. */
    public static ProcFsScanner forHost(boolean privileged) {
        return forHost(privileged, MountTableWay.BEST, DebugLog.OFF);
    }

    /** The real host, with other mount namespaces' tables read {@code way}. */
    public static ProcFsScanner forHost(boolean privileged, MountTableWay way, DebugLog log) {
        return forTree(HOST_PROC_ROOT, DEFAULT_NETNS_DIRS, privileged, way, log);
    }

    /** Any proc tree, read with every native call this JVM has. */
    public static ProcFsScanner forTree(Path procRoot, List<Path> netnsDirs, boolean privileged) {
        return forTree(procRoot, netnsDirs, privileged, MountTableWay.BEST, DebugLog.OFF);
    }

    /** Any proc tree, with other mount namespaces' tables read {@code way}. */
    public static ProcFsScanner forTree(Path procRoot, List<Path> netnsDirs, boolean privileged, MountTableWay way,
            DebugLog log) {
        boolean host = procRoot.equals(HOST_PROC_ROOT);
        // Classes rather than lambdas on the way of every run: see NativeAccess.loader.
        return new ProcFsScanner(procRoot, netnsDirs, NativeAccess.loader(NamespaceSyscalls.class, log),
                NativeAccess.loader(FileSyscalls.class, log), privileged, new MountTablesPerScan(way == MountTableWay.ENTER, log),
                host ? NativeAccess.loader(KernelNamespaceSyscalls.class, log) : Optional::empty, log,
                host ? new HostEngines(log) : () -> ContainerNamer.NONE,
                NativeAccess.supported() ? FileLinking.WHILE_WALKING : FileLinking.BEFORE_WALK);
    }

    /**
     * The host's container engines, asked only when the walk found a container: the engines' readers and
     * their JSON parser are loaded only then.
     */
    private record HostEngines(DebugLog log) implements Supplier<ContainerNamer> {
        @Override
        public ContainerNamer get() {
            return dev.listns.containers.EngineRecords.forHost(log);
        }
    }

    /** A reader of other mount namespaces' tables for each scan; {@code enterOnly} takes the way of kernels before 6.11. */
    private record MountTablesPerScan(boolean enterOnly, DebugLog log) implements Supplier<ForeignMountTables> {
        @Override
        public ForeignMountTables get() {
            return new KernelMountTables(NativeAccess.loader(MountSyscalls.class, log), enterOnly);
        }
    }

    /** This scanner, with the containers it finds named by {@code namer} (tests: a fake host's engine state). */
    public ProcFsScanner withContainerNamer(ContainerNamer namer) {
        return new ProcFsScanner(procRoot, netnsDirs, nativeLoader, fileLoader, privileged, mountTables, kernelLoader,
                log, () -> namer, fileLinking);
    }

    /**
     * This scanner, with its native file calls linked only when the scan waits for them: every process is
     * then walked through the JDK's file API, and the walk settles threads' descriptor tables after it,
     * as on a host where the link ends after the walk. For tests, which cannot time a real link.
     */
    public ProcFsScanner linkingFilesWhenAwaited() {
        return new ProcFsScanner(procRoot, netnsDirs, nativeLoader, fileLoader, privileged, mountTables, kernelLoader,
                log, containerNamer, FileLinking.WHEN_AWAITED);
    }

    /**
     * How other mount namespaces' tables are read. {@code ENTER} is for tests: it takes the way of
     * kernels before 6.11 on any kernel.
     */
    public enum MountTableWay {
        /** listmount(2) where the kernel has it, else a thread that enters the namespace. */
        BEST,
        /** Always a thread that enters the namespace. */
        ENTER
    }

    /** Whether these are the real host's proc root and netns directories. */
    public static boolean isHost(Path procRoot, List<Path> netnsDirs) {
        return procRoot.equals(HOST_PROC_ROOT) && netnsDirs.equals(DEFAULT_NETNS_DIRS);
    }

    /** @throws ScanFailedException when the proc root shows no process at all */
    @Override
    public Stage prepare() {
        // First of all: linking the native calls takes a cold JVM longer than anything else before the walk.
        NativeLinker linker = NativeLinker.start(fileLoader, nativeLoader);
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        NativeSupport nativeSupport = new NativeSupport(linker.namespaceCalls());
        FileCallsLink files = switch (fileLinking) {
            case WHILE_WALKING -> linker.files();
            case BEFORE_WALK -> FileCallsLink.linked(linker.files().awaited());
            case WHEN_AWAITED -> FileCallsLink.whenAwaited(fileLoader);
        };
        ProcFs proc = new ProcFs(procRoot, files);
        ProcessTable processes = new ProcessWalker(proc, containerNamer).walk();
        if (processes.processes().isEmpty()) {
            // A live host always has a process (this one): an empty walk means no procfs at the root.
            throw new ScanFailedException("no process could be read under " + procRoot + " (is procfs mounted there?)");
        }
        Baseline baseline = new BaselineFinder().find(proc, processes);
        ScanContext context = new ScanContext(proc, processes, baseline, nativeSupport,
                new KernelNamespaces(kernelLoader), log);
        // Plain concatenation: String.format's first use costs milliseconds, on every run.
        context.note("process walk: " + processes.processes().size() + " processes in " + millisSince(startNanos)
                + " ms (read time summed over threads: " + processes.cost().describe() + ")");
        for (String note : processes.namingNotes()) {
            context.note(note);
        }

        ModelBuilder model = new ModelBuilder();
        try {
            for (HolderDiscovery discovery : Discoveries.standard(netnsDirs, mountTables.get())) {
                long before = System.nanoTime();
                discovery.discover(context, model);
                context.note(discovery.name() + ": " + millisSince(before) + " ms");
            }
        } finally {
            context.release();
        }
        return new Prepared(proc, model, baseline, context, started, System.nanoTime() - startNanos);
    }

    /** The scan up to what only the output's request decides. */
    private final class Prepared implements Stage {
        private final ProcFs proc;
        private final ModelBuilder model;
        private final Baseline baseline;
        private final ScanContext context;
        private final Instant started;
        private final long preparedNanos;

        Prepared(ProcFs proc, ModelBuilder model, Baseline baseline, ScanContext context, Instant started, long preparedNanos) {
            this.proc = proc;
            this.model = model;
            this.baseline = baseline;
            this.context = context;
            this.started = started;
            this.preparedNanos = preparedNanos;
        }

        @Override
        public ScanResult finish(ScanRequest request) {
            long finishNanos = System.nanoTime();
            List<Namespace> namespaces = new DeferredReads(proc).complete(model.build(baseline), request);
            Optional<String> bootId = proc.readText(procRoot.resolve("sys/kernel/random/boot_id"));
            return new ScanResult(namespaces, baseline, partial(proc), warnings(proc, context),
                    context.nativeSupport().unavailable(), context.notes(), started,
                    Duration.ofNanos(preparedNanos + System.nanoTime() - finishNanos),
                    bootId.isPresent() ? bootId.get().trim() : "unknown");
        }
    }

    private boolean partial(ProcFs proc) {
        return proc.deniedCount() > 0 && !privileged;
    }

    private List<String> warnings(ProcFs proc, ScanContext context) {
        List<String> warnings = new ArrayList<>();
        int denied = proc.deniedCount();
        if (partial(proc)) {
            warnings.add("results are partial: " + denied + " entries under " + procRoot
                    + " could not be read (permission denied); run as root to see every namespace");
        } else if (denied > 0) {
            context.note(denied + " entries could not be read even as root (first: "
                    + (proc.firstDenied().isPresent() ? proc.firstDenied().get().toString() : "?") + ")");
        }
        return warnings;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
