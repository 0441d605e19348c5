package dev.listns.scan;

import dev.listns.debug.DebugLog;
import dev.listns.model.Baseline;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What discoveries share during one scan: the proc tree, the one process walk, and how to reach namespaces. */
public final class ScanContext {
    /** Enough to outlive a holder or two exiting during the scan; a namespace may have thousands. */
    private static final int WAYS_KEPT = 4;

    private final ProcFs proc;
    private final ProcessTable processes;
    private final Baseline baseline;
    private final NativeSupport nativeSupport;
    private final Optional<NamespaceId> ownMountNamespace;
    /** A few ways to each namespace, in the order found: the first may be gone (its process exited) when it is used. */
    private final Map<NamespaceId, List<NamespaceAccess>> access = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Runnable> atEnd = new ArrayList<>();
    private final KernelNamespaces kernel;
    private final DebugLog log;

    ScanContext(ProcFs proc, ProcessTable processes, Baseline baseline, NativeSupport nativeSupport) {
        this(proc, processes, baseline, nativeSupport, KernelNamespaces.none(), DebugLog.OFF);
    }

    /** @param log where each note also goes as it is made, for {@code --debug} */
    ScanContext(ProcFs proc, ProcessTable processes, Baseline baseline, NativeSupport nativeSupport,
            KernelNamespaces kernel, DebugLog log) {
        this.kernel = kernel;
        this.log = log;
        this.proc = proc;
        this.processes = processes;
        this.baseline = baseline;
        this.nativeSupport = nativeSupport;
        this.ownMountNamespace = ownMountNamespace(processes.self(proc), baseline);
    }

    /**
     * listns's own mount namespace, else the initial one. Here and below, plain code where a lambda or an
     * Optional chain would do: each lambda is a class the JVM spins at start-up, and this runs on every start.
     */
    private static Optional<NamespaceId> ownMountNamespace(Optional<ProcessEntry> self, Baseline baseline) {
        Optional<NamespaceId> own = self.isPresent() ? self.get().links().own(NamespaceType.MNT) : Optional.empty();
        return own.isPresent() ? own : baseline.of(NamespaceType.MNT);
    }

    public ProcFs proc() {
        return proc;
    }

    public ProcessTable processes() {
        return processes;
    }

    public Baseline baseline() {
        return baseline;
    }

    public NativeSupport nativeSupport() {
        return nativeSupport;
    }

    /** What the kernel itself answers about namespaces (ids, lists of them), probed once per scan. */
    KernelNamespaces kernel() {
        return kernel;
    }

    /** The mount namespace listns itself runs in: bind mounts there are shown by path alone. */
    public Optional<NamespaceId> ownMountNamespace() {
        return ownMountNamespace;
    }

    /** The device number of nsfs, which tells a namespace file from any other by stat alone. */
    public Optional<Long> nsfsDevice() {
        return processes.nsfsDevice();
    }

    /** Remembers a way to reach {@code id}; the first few found are kept, tried in that order. */
    public void reachableVia(NamespaceId id, NamespaceAccess how) {
        List<NamespaceAccess> ways = access.get(id);
        if (ways == null) {
            ways = new ArrayList<>(1);
            access.put(id, ways);
        }
        if (ways.size() < WAYS_KEPT) {
            ways.add(how);
        }
    }

    public boolean isReachable(NamespaceId id) {
        return access.containsKey(id);
    }

    /** The first way found to reach {@code id}. */
    public Optional<NamespaceAccess> access(NamespaceId id) {
        List<NamespaceAccess> ways = access.get(id);
        return ways == null ? Optional.empty() : Optional.of(ways.get(0));
    }

    /**
     * A checked descriptor for {@code id} through the first way remembered for it that still works (a
     * process holding it may have exited since); the caller closes it.
     *
     * @throws NativeException why the last way failed, or ENOENT when none is known
     */
    public int open(NamespaceSyscalls sys, NamespaceId id) throws NativeException {
        NativeException failed = null; // made only on failure: this runs for every namespace of a crowded host
        for (NamespaceAccess how : access.getOrDefault(id, List.of())) {
            try {
                return open(sys, how, id.inode());
            } catch (NativeException e) {
                failed = e;
            }
        }
        throw failed != null ? failed : new NativeException("open " + id + " (no way to reach it)", NativeException.ENOENT);
    }

    /** A descriptor through {@code how}, checked to be the namespace with this inode; the caller closes it. */
    public int open(NamespaceSyscalls sys, NamespaceAccess how, long inode) throws NativeException {
        Optional<Long> device = nsfsDevice();
        if (device.isEmpty()) {
            // Nothing to check a descriptor against: nothing is opened.
            throw new NativeException("open namespace " + inode + " (nsfs device unknown)", NativeException.ENOENT);
        }
        return how.open(sys, inode, device.get());
    }

    /** Something to let go of when the scan ends, such as a descriptor an access needs until then. */
    public synchronized void closeAtEnd(Runnable release) {
        atEnd.add(release);
    }

    /** Lets go of everything {@link #closeAtEnd} was given; never fails. */
    synchronized void release() {
        for (Runnable release : atEnd) {
            release.run();
        }
        atEnd.clear();
    }

    /** Something --verbose shows; also logged as it happens, for --debug. */
    public synchronized void note(String text) {
        notes.add(text);
        log.debug(text);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
