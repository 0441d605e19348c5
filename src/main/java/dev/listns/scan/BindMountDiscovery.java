package dev.listns.scan;

import dev.listns.nativeaccess.FileStatus;
import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * nsfs bind mounts in every mount namespace: the table of one member process per mount namespace,
 * then, round after round, the tables of mount namespaces that have no process (held by an fd or a
 * bind mount themselves), until no new mount namespace turns up.
 */
final class BindMountDiscovery implements HolderDiscovery {
    private final MountTableReader helper;

    BindMountDiscovery(MountTableReader helper) {
        this.helper = helper;
    }

    @Override
    public String name() {
        return "bind-mounts";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        new Walk(context, model).run();
    }

    /** The state of one discovery run: which tables were read and how to reach each namespace by path. */
    private final class Walk {
        private final ScanContext context;
        private final ModelBuilder model;
        private final Optional<NamespaceId> own;
        private final Set<NamespaceId> visited = new HashSet<>();
        private final Map<NamespaceId, List<Path>> chains = new HashMap<>();

        Walk(ScanContext context, ModelBuilder model) {
            this.context = context;
            this.model = model;
            this.own = context.ownMountNamespace();
        }

        void run() {
            ProcFs proc = context.proc();
            context.processes().membersPer(NamespaceType.MNT).forEach((mountNs, members) -> {
                visited.add(mountNs);
                // mountinfo shows only what lies below the reader's root: a chrooted member would hide mounts.
                Optional<ProcessEntry> unrooted = members.stream()
                        .filter(m -> proc.readLink(proc.pidDir(m.pid()).resolve("root")).filter("/"::equals).isPresent())
                        .findFirst();
                if (unrooted.isPresent()) {
                    Path memberDir = proc.pidDir(unrooted.get().pid());
                    proc.read(memberDir.resolve("mountinfo"))
                            .ifPresent(table -> record(table, mountNs, Optional.of(memberDir.resolve("root")), List.of()));
                } else {
                    // Entering a mount namespace resets the root to the namespace's own.
                    List<Path> chain = List.of(proc.pidDir(members.get(0).pid()).resolve("ns").resolve("mnt"));
                    helper.read(chain).ifPresent(table -> record(table, mountNs, Optional.empty(), chain));
                }
            });
            List<NamespaceId> pending = unvisited();
            while (!pending.isEmpty()) {
                for (NamespaceId mountNs : pending) {
                    visited.add(mountNs);
                    List<Path> chain = chainTo(mountNs);
                    Optional<byte[]> table = chain.isEmpty() ? Optional.empty() : helper.read(chain);
                    if (table.isPresent()) {
                        record(table.get(), mountNs, Optional.empty(), chain);
                    } else {
                        context.note("could not read the mount table of " + mountNs + ", which has no process");
                    }
                }
                pending = unvisited();
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

        private List<NamespaceId> unvisited() {
            List<NamespaceId> ids = new ArrayList<>(model.ids(NamespaceType.MNT));
            ids.removeAll(visited);
            return ids;
        }

        private List<Path> chainTo(NamespaceId mountNs) {
            List<Path> chain = chains.get(mountNs);
            if (chain != null) {
                return chain;
            }
            return context.access(mountNs).flatMap(a -> a.asPath(context.proc().root())).map(List::of).orElse(List.of());
        }

        /**
         * @param memberRoot /proc/PID/root of a member, through which listns can open paths of that
         *                   namespace directly; empty for a namespace reached only by entering it
         * @param chain      how the namespace itself was entered, when it has no member
         */
        private void record(byte[] table, NamespaceId mountNs, Optional<Path> memberRoot, List<Path> chain) {
            boolean foreign = own.map(o -> !o.equals(mountNs)).orElse(true);
            for (MountInfo.Mount mount : MountInfo.parse(table)) {
                if (!mount.isNamespace()) {
                    continue;
                }
                Optional<NamespaceId> bound = NamespaceId.parse(mount.root());
                if (bound.isEmpty()) {
                    continue;
                }
                NamespaceId id = bound.get();
                model.add(id, new Holders.BindMount(mount.mountPoint(), mountNs, foreign, mount.id()));
                Optional<Path> mountPoint = asPath(mount.mountPoint());
                if (mountPoint.isEmpty()) {
                    continue; // still a holder; only unreachable for native queries in this locale
                }
                // A later mount on the same path covers this one: the path then leads elsewhere.
                Optional<Path> direct = (!foreign ? mountPoint
                        : memberRoot.map(root -> root.resolve(mountPoint.get().toString().substring(1))))
                        .filter(path -> context.proc().stat(path).map(FileStatus::inode).orElse(-1L) == id.inode());
                if (direct.isPresent()) {
                    context.reachableVia(id, NamespaceAccess.ofPath(direct.get()));
                    chains.putIfAbsent(id, List.of(direct.get()));
                } else {
                    List<Path> deeper = new ArrayList<>(chain);
                    deeper.add(mountPoint.get());
                    chains.putIfAbsent(id, List.copyOf(deeper));
                }
            }
        }
    }
}
