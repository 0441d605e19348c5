package dev.listns.scan;

import dev.listns.model.Baseline;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What discoveries share during one scan: the proc tree, the one process walk, and how to reach namespaces. */
public final class ScanContext {
    private static final DebugLog LOG = new DebugLog(ScanContext.class);

    private final ProcFs proc;
    private final ProcessTable processes;
    private final Baseline baseline;
    private final NativeSupport nativeSupport;
    private final Optional<NamespaceId> ownMountNamespace;
    private final Map<NamespaceId, NamespaceAccess> access = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    ScanContext(ProcFs proc, ProcessTable processes, Baseline baseline, NativeSupport nativeSupport) {
        this.proc = proc;
        this.processes = processes;
        this.baseline = baseline;
        this.nativeSupport = nativeSupport;
        Optional<ProcessEntry> self = proc.readLink(proc.root().resolve("self"))
                .map(ProcFs::parseNumber).flatMap(processes::get);
        this.ownMountNamespace = self.flatMap(e -> e.links().own(NamespaceType.MNT))
                .or(() -> baseline.of(NamespaceType.MNT));
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

    /** The mount namespace listns itself runs in: bind mounts there are shown by path alone. */
    public Optional<NamespaceId> ownMountNamespace() {
        return ownMountNamespace;
    }

    /** The device number of nsfs, which tells a namespace file from any other by stat alone. */
    public Optional<Long> nsfsDevice() {
        return processes.nsfsDevice();
    }

    /** Remembers one way to reach {@code id}; the first found is kept. */
    public void reachableVia(NamespaceId id, NamespaceAccess how) {
        access.putIfAbsent(id, how);
    }

    public boolean isReachable(NamespaceId id) {
        return access.containsKey(id);
    }

    public Optional<NamespaceAccess> access(NamespaceId id) {
        return Optional.ofNullable(access.get(id));
    }

    /** Something --verbose shows; also logged at debug level, as it happens, for --debug. */
    public void note(String text) {
        notes.add(text);
        LOG.debug(text);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
