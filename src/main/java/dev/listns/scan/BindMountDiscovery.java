package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * nsfs bind mounts in every mount namespace: the table of one unchrooted member process per mount
 * namespace from listns's own /proc, then, round after round, the tables of mount namespaces that no
 * unchrooted process is in (held by an fd or a bind mount, or only chrooted processes in them), read
 * through {@link ForeignMountTables}, until no new mount namespace turns up.
 */
final class BindMountDiscovery implements HolderDiscovery {
    private final ForeignMountTables tables;

    BindMountDiscovery(ForeignMountTables tables) {
        this.tables = tables;
    }

    @Override
    public String name() {
        return "bind-mounts";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        new Walk(context, model).run();
    }

    /** The state of one discovery run: which mount namespaces' tables were read. */
    private final class Walk {
        private final ScanContext context;
        private final ModelBuilder model;
        private final Optional<NamespaceId> own;
        private final Set<NamespaceId> visited = new HashSet<>();

        Walk(ScanContext context, ModelBuilder model) {
            this.context = context;
            this.model = model;
            this.own = context.ownMountNamespace();
        }

        void run() {
            // Plain loops and null checks throughout: this runs on every start, where each lambda and
            // stream is a class the JVM spins first.
            for (Map.Entry<NamespaceId, List<ProcessEntry>> entry
                    : context.processes().membersPer(NamespaceType.MNT).entrySet()) {
                byte[] table = unchrootedTable(entry.getValue());
                if (table != null) {
                    visited.add(entry.getKey());
                    record(entry.getKey(), MountInfo.nsfsMounts(table));
                }
            }
            List<NamespaceId> pending = unvisited();
            while (!pending.isEmpty()) {
                for (NamespaceId mountNs : pending) {
                    visited.add(mountNs);
                    if (!context.isReachable(mountNs)) {
                        context.note("could not read the mount table of " + mountNs + ": nothing listns may open leads to it");
                        continue;
                    }
                    Optional<List<MountInfo.Mount>> mounts = tables.nsfsMounts(context, mountNs);
                    if (mounts.isPresent()) {
                        record(mountNs, mounts.get());
                    }
                }
                pending = unvisited();
            }
        }

        /**
         * mountinfo shows only what lies below the reader's root: a chrooted member would hide mounts. The
         * table of the first unchrooted member whose table can still be read (it may have exited); null if none.
         */
        private byte[] unchrootedTable(List<ProcessEntry> members) {
            ProcFs proc = context.proc();
            for (ProcessEntry member : members) {
                Optional<String> root = proc.readLink(proc.pidDir(member.pid()).resolve("root"));
                if (root.isPresent() && root.get().equals("/")) {
                    Optional<byte[]> table = proc.read(proc.pidDir(member.pid()).resolve("mountinfo"));
                    if (table.isPresent()) {
                        return table.get();
                    }
                }
            }
            return null;
        }

        private List<NamespaceId> unvisited() {
            List<NamespaceId> ids = new ArrayList<>(model.ids(NamespaceType.MNT));
            ids.removeAll(visited);
            return ids;
        }

        /** Adds a holder for each of {@code mountNs}'s nsfs mounts, and a way to reach what they bind. */
        private void record(NamespaceId mountNs, List<MountInfo.Mount> nsfsMounts) {
            boolean foreign = own.isEmpty() || !own.get().equals(mountNs);
            List<MountInfo.Mount> unreached = new ArrayList<>();
            for (MountInfo.Mount mount : nsfsMounts) {
                Optional<NamespaceId> bound = NamespaceId.parse(mount.root());
                if (bound.isEmpty()) {
                    continue;
                }
                NamespaceId id = bound.get();
                model.add(id, new Holders.BindMount(mount.mountPoint(), mountNs, foreign, mount.id()));
                if (context.isReachable(id)) {
                    continue;
                }
                if (foreign) {
                    unreached.add(mount);
                } else {
                    // In listns's own namespace the path is opened directly, and checked when it is
                    // (a later mount may cover this one; see NamespaceAccess).
                    Path path = asPath(mount.mountPoint());
                    if (path != null) {
                        context.reachableVia(id, NamespaceAccess.ofPath(path));
                    }
                }
            }
            if (!unreached.isEmpty()) {
                for (Map.Entry<MountInfo.Mount, NamespaceAccess> reached
                        : tables.reach(context, mountNs, unreached).entrySet()) {
                    Optional<NamespaceId> id = NamespaceId.parse(reached.getKey().root());
                    if (id.isPresent()) {
                        context.reachableVia(id.get(), reached.getValue());
                    }
                }
            }
        }

        /** Mount points may hold bytes the JVM's file-name encoding (from the locale) cannot express: null then. */
        private Path asPath(String mountPoint) {
            try {
                return Path.of(mountPoint);
            } catch (InvalidPathException e) {
                return null;
            }
        }
    }
}
