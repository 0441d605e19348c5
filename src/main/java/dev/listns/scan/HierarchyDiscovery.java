package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Parents (user and PID namespaces), owning user namespaces and owner UIDs, asked of the kernel with
 * NS_GET_PARENT, NS_GET_USERNS and NS_GET_OWNER_UID. A parent or owner can exist with no process,
 * fd or mount at all: it is found here, reached through the descriptor its child answered with, and
 * reported as held by that child. Initial namespaces are kept by the kernel and get no such holders.
 */
final class HierarchyDiscovery implements HolderDiscovery {

    @Override
    public String name() {
        return "hierarchy";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        Optional<NamespaceSyscalls> sys = context.nativeSupport().require("parent and owner namespaces");
        if (sys.isEmpty()) {
            return;
        }
        new Walk(context, model, sys.get()).run();
    }

    private static final class Walk {
        private final ScanContext context;
        private final ModelBuilder model;
        private final NamespaceSyscalls sys;
        private final Set<NamespaceId> done = new HashSet<>();
        /** Descriptors of namespaces found only through a child; owned here and closed when visited. */
        private final Deque<Found> found = new ArrayDeque<>();

        private record Found(NamespaceId id, int fd) {
        }

        Walk(ScanContext context, ModelBuilder model, NamespaceSyscalls sys) {
            this.context = context;
            this.model = model;
            this.sys = sys;
        }

        void run() {
            for (NamespaceId id : model.ids()) {
                Optional<NamespaceAccess> access = context.access(id);
                if (access.isEmpty() || done.contains(id)) {
                    continue;
                }
                int fd = -1;
                try {
                    fd = access.get().open(sys, id);
                    visit(id, fd);
                } catch (NativeException e) {
                    // gone meanwhile, or a path only a helper in another mount namespace could open
                } finally {
                    sys.close(fd);
                }
                drainFound();
            }
        }

        private void drainFound() {
            while (!found.isEmpty()) {
                Found next = found.pop();
                try {
                    if (!done.contains(next.id())) {
                        visit(next.id(), next.fd());
                    }
                } finally {
                    sys.close(next.fd());
                }
            }
        }

        private void visit(NamespaceId id, int fd) {
            done.add(id);
            relative(fd, true).ifPresent(owner -> {
                model.owner(id, owner);
                // A user namespace's owner is its parent, which the parent holder below already says.
                if (id.type() != NamespaceType.USER && !context.baseline().isInitial(owner)) {
                    model.add(owner, new Holders.OwnerOf(id));
                }
            });
            if (id.type().isHierarchical()) {
                relative(fd, false).ifPresent(parent -> {
                    model.parent(id, parent);
                    if (!context.baseline().isInitial(parent)) {
                        model.add(parent, new Holders.ParentOf(id));
                    }
                });
            }
            if (id.type() == NamespaceType.USER) {
                try {
                    model.ownerUid(id, sys.ownerUid(fd));
                } catch (NativeException e) {
                    // not answered: leave unknown
                }
            }
        }

        /** The owner (or parent) of the namespace behind {@code fd}; queued for its own visit when new. */
        private Optional<NamespaceId> relative(int fd, boolean owner) {
            int relativeFd = -1;
            try {
                relativeFd = owner ? sys.owningUserNamespace(fd) : sys.parent(fd);
                NamespaceType type = owner ? NamespaceType.USER
                        : NamespaceType.fromCloneFlag(sys.namespaceType(relativeFd)).orElseThrow();
                NamespaceId id = new NamespaceId(type, sys.inode(relativeFd));
                if (!done.contains(id) && context.access(id).isEmpty()) {
                    found.push(new Found(id, relativeFd));
                    relativeFd = -1; // ownership moved to the queue
                }
                model.ensure(id);
                return Optional.of(id);
            } catch (NativeException | RuntimeException e) {
                // EPERM: the relative lies outside listns's own user namespace, or this is the initial one
                return Optional.empty();
            } finally {
                sys.close(relativeFd);
            }
        }
    }
}
