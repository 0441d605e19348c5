package dev.listns.scan;

import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Parents (user and PID namespaces), owning user namespaces and owner UIDs, asked of the kernel with
 * NS_GET_PARENT, NS_GET_USERNS and NS_GET_OWNER_UID. A parent or owner can exist with no process,
 * fd or mount at all: it is found here, reached through the descriptor its child answered with, and
 * reported as held by that child. Initial namespaces are kept by the kernel and get no such holders.
 *
 * <p>The namespaces the other discoveries can reach are asked about on every core (a crowded host has
 * thousands); what they answer goes into the model afterwards, on one thread. Namespaces found only
 * this way are few, and asked about one at a time, until no new one turns up.
 *
 * <p>Each namespace is also asked its kernel id (NS_GET_ID, Linux 6.18; NS_GET_MNTNS_ID for a mount
 * namespace from 6.11) on the descriptor opened for these questions anyway, so the ids cost one ioctl
 * per namespace and no open of their own.
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

    /** A namespace's relative, with a descriptor of it when nothing else reaches it (owned by whoever reads it next). */
    private record Relative(NamespaceId id, int fd) {
    }

    /** What the kernel answered about one namespace. */
    private record Answer(NamespaceId id, Optional<Relative> owner, Optional<Relative> parent, OptionalInt ownerUid,
            OptionalLong nsId) {
        List<Relative> unreachable() {
            List<Relative> found = new ArrayList<>(2);
            if (owner.isPresent() && owner.get().fd() >= 0) {
                found.add(owner.get());
            }
            if (parent.isPresent() && parent.get().fd() >= 0) {
                found.add(parent.get());
            }
            return found;
        }
    }

    /** Asks the namespace at each index of the list (a class, not a lambda: see the comment in {@link Walk#run}). */
    private record Asking(Walk walk, List<NamespaceId> namespaces) implements IntFunction<Answer> {
        @Override
        public Answer apply(int index) {
            return walk.askByAccess(namespaces.get(index));
        }
    }

    private static final class Walk {
        private final ScanContext context;
        private final ModelBuilder model;
        private final NamespaceSyscalls sys;
        /** Relatives that nothing else reaches, claimed by the first answer naming them so one descriptor is kept. */
        private final Set<NamespaceId> claimed = ConcurrentHashMap.newKeySet();

        Walk(ScanContext context, ModelBuilder model, NamespaceSyscalls sys) {
            this.context = context;
            this.model = model;
            this.sys = sys;
        }

        // Plain loops and ifs here rather than streams and Optional chains: this runs on every start (Java
        // 22 and later), where each lambda is a class the JVM spins first.
        void run() {
            List<NamespaceId> reachable = new ArrayList<>();
            for (NamespaceId id : model.ids()) {
                if (context.isReachable(id)) {
                    reachable.add(id);
                }
            }
            List<Answer> answers = ParallelReads.map(reachable.size(), new Asking(this, reachable));
            Set<NamespaceId> done = new HashSet<>(reachable);
            Deque<Relative> found = new ArrayDeque<>();
            for (Answer answer : answers) {
                record(answer);
                for (Relative relative : answer.unreachable()) {
                    found.addLast(relative); // what addAll does, but ArrayDeque's spins a method reference for it
                }
            }
            while (!found.isEmpty()) {
                Relative next = found.pop();
                try {
                    if (done.add(next.id())) {
                        Answer answer = ask(next.id(), next.fd());
                        record(answer);
                        for (Relative relative : answer.unreachable()) {
                            found.push(relative);
                        }
                    }
                } finally {
                    sys.close(next.fd());
                }
            }
        }

        /** Null when the namespace cannot be opened now: gone meanwhile, or a path only a helper in another mount namespace could open. */
        private Answer askByAccess(NamespaceId id) {
            int fd = -1;
            try {
                fd = context.open(sys, id);
                return ask(id, fd);
            } catch (NativeException e) {
                return null;
            } finally {
                sys.close(fd);
            }
        }

        private Answer ask(NamespaceId id, int fd) {
            Optional<Relative> owner = relative(fd, true);
            Optional<Relative> parent = id.type().isHierarchical() ? relative(fd, false) : Optional.empty();
            OptionalInt uid = OptionalInt.empty();
            if (id.type() == NamespaceType.USER) {
                try {
                    uid = OptionalInt.of(sys.ownerUid(fd));
                } catch (NativeException e) {
                    // not answered: left unknown
                }
            }
            return new Answer(id, owner, parent, uid, context.kernel().namespaceId(context, fd, id.type()));
        }

        /** The owner (or parent) of the namespace behind {@code fd}. */
        private Optional<Relative> relative(int fd, boolean owner) {
            int relativeFd = -1;
            try {
                relativeFd = owner ? sys.owningUserNamespace(fd) : sys.parent(fd);
                NamespaceType type = owner ? NamespaceType.USER
                        : NamespaceType.fromCloneFlag(sys.namespaceType(relativeFd)).orElseThrow();
                NamespaceId id = new NamespaceId(type, sys.inode(relativeFd));
                if (context.access(id).isEmpty() && claimed.add(id)) {
                    Relative kept = new Relative(id, relativeFd);
                    relativeFd = -1; // now the answer's to close
                    return Optional.of(kept);
                }
                return Optional.of(new Relative(id, -1));
            } catch (NativeException | RuntimeException e) {
                // EPERM: the relative lies outside listns's own user namespace, or this is the initial one
                return Optional.empty();
            } finally {
                sys.close(relativeFd);
            }
        }

        private void record(Answer answer) {
            NamespaceId id = answer.id();
            if (answer.owner().isPresent()) {
                NamespaceId owner = answer.owner().get().id();
                model.ensure(owner);
                model.owner(id, owner);
                // A user namespace's owner is its parent, which the parent holder below already says.
                if (id.type() != NamespaceType.USER && !context.baseline().isInitial(owner)) {
                    model.add(owner, Holders.ownerOf(id));
                }
            }
            if (answer.parent().isPresent()) {
                NamespaceId parent = answer.parent().get().id();
                model.ensure(parent);
                model.parent(id, parent);
                if (!context.baseline().isInitial(parent)) {
                    model.add(parent, Holders.parentOf(id));
                }
            }
            if (answer.ownerUid().isPresent()) {
                model.ownerUid(id, answer.ownerUid().getAsInt());
            }
            if (answer.nsId().isPresent()) {
                model.nsId(id, answer.nsId().getAsLong());
            }
        }
    }
}
