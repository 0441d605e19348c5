package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
            ProcFs proc = context.proc();
            context.processes().membersPer(NamespaceType.MNT).forEach((mountNs, members) -> {
                // mountinfo shows only what lies below the reader's root: a chrooted member would hide
                // mounts. The first unchrooted member whose table can still be read (it may have exited).
                members.stream()
                        .filter(m -> proc.readLink(proc.pidDir(m.pid()).resolve("root")).filter("/"::equals).isPresent())
                        .map(member -> proc.read(proc.pidDir(member.pid()).resolve("mountinfo")))
                        .flatMap(Optional::stream)
                        .findFirst()
                        .ifPresent(table -> {
                            visited.add(mountNs);
                            record(mountNs, MountInfo.parse(table).stream().filter(MountInfo.Mount::isNamespace).toList());
                        });
            });
            List<NamespaceId> pending = unvisited();
            while (!pending.isEmpty()) {
                for (NamespaceId mountNs : pending) {
                    visited.add(mountNs);
                    if (!context.isReachable(mountNs)) {
                        context.note("could not read the mount table of " + mountNs + ": nothing listns may open leads to it");
                        continue;
                    }
                    tables.nsfsMounts(context, mountNs).ifPresent(mounts -> record(mountNs, mounts));
                }
                pending = unvisited();
            }
        }

        private List<NamespaceId> unvisited() {
            List<NamespaceId> ids = new ArrayList<>(model.ids(NamespaceType.MNT));
            ids.removeAll(visited);
            return ids;
        }

        /** Adds a holder for each of {@code mountNs}'s nsfs mounts, and a way to reach what they bind. */
        private void record(NamespaceId mountNs, List<MountInfo.Mount> nsfsMounts) {
            boolean foreign = own.map(o -> !o.equals(mountNs)).orElse(true);
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
                    asPath(mount.mountPoint()).ifPresent(path -> context.reachableVia(id, NamespaceAccess.ofPath(path)));
                }
            }
            if (!unreached.isEmpty()) {
                tables.reach(context, mountNs, unreached).forEach((mount, access) ->
                        NamespaceId.parse(mount.root()).ifPresent(id -> context.reachableVia(id, access)));
            }
        }

        /** Mount points may hold bytes the JVM's file-name encoding (from the locale) cannot express. */
        private Optional<Path> asPath(String mountPoint) {
            try {
                return Optional.of(Path.of(mountPoint));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
    }
}
