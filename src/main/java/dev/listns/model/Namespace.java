package dev.listns.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One namespace and everything found keeping it alive.
 *
 * @param initial   whether it is one of the host's initial namespaces (the baseline)
 * @param names     names given to it, such as {@code ip netns} names
 * @param parent    the parent namespace (user and PID namespaces), where known
 * @param owner     the owning user namespace, where known
 * @param ownerUid  the UID that created a user namespace, where known
 * @param netnsId   the NETNSID of a network namespace as seen from listns's own, where one is assigned
 * @param nsId      the kernel's id for the namespace (NS_GET_ID, Linux 6.18; for mount namespaces
 *                  NS_GET_MNTNS_ID from 6.11), which, unlike the inode, is never handed out again
 *                  until reboot; empty on older kernels or when listns could not open the namespace
 */
public record Namespace(
        NamespaceId id,
        boolean initial,
        List<Holder> holders,
        List<String> names,
        Optional<NamespaceId> parent,
        Optional<NamespaceId> owner,
        OptionalInt ownerUid,
        OptionalInt netnsId,
        OptionalLong nsId) {

    public Namespace {
        holders = List.copyOf(holders);
        names = List.copyOf(names);
    }

    /** A namespace whose kernel id is unknown. */
    public Namespace(NamespaceId id, boolean initial, List<Holder> holders, List<String> names,
            Optional<NamespaceId> parent, Optional<NamespaceId> owner, OptionalInt ownerUid, OptionalInt netnsId) {
        this(id, initial, holders, names, parent, owner, ownerUid, netnsId, OptionalLong.empty());
    }

    public NamespaceType type() {
        return id.type();
    }

    /**
     * The processes that are members, as {@code lsns} counts them: each process whose own link points here,
     * in holder order; not threads that sit here apart from their process, nor processes that only hold
     * the namespace through an fd, a socket or a {@code *_for_children} link.
     */
    public List<ProcessInfo> memberProcesses() {
        List<ProcessInfo> members = new ArrayList<>();
        for (Holder holder : holders) {
            if (holder instanceof Holders.Task task && task.link() == Holders.Link.MEMBER && !task.byThread()) {
                members.add(task.info());
            }
        }
        return members;
    }

    /** Whether any process or thread is a member, as opposed to being kept alive only by references. */
    public boolean hasMembers() {
        for (Holder holder : holders) {
            if (holder.memberPid().isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The same namespace with other holders, e.g. the same ones with more read about their processes. */
    public Namespace withHolders(List<Holder> otherHolders) {
        return new Namespace(id, initial, otherHolders, names, parent, owner, ownerUid, netnsId, nsId);
    }

    /**
     * The one holder to name the namespace by: the one a reader most likely recognises. By kind (see
     * {@link HolderKind#rank()}), then the oldest process first (a container's init rather than
     * whatever it exec'd last), then a bind mount in listns's own mount namespace before one elsewhere.
     */
    public Optional<Holder> mainHolder() {
        Holder main = null;
        for (Holder holder : holders) {
            if (main == null || compareAsMain(holder, main) < 0) {
                main = holder; // the first of equals stays
            }
        }
        return Optional.ofNullable(main);
    }

    /**
     * The order {@link #mainHolder()} picks the least of. Written out rather than as a chain of
     * comparators: each of their lambdas is a class the JVM spins, and {@code -l} asks every namespace.
     */
    private static int compareAsMain(Holder a, Holder b) {
        int byKind = Integer.compare(a.kind().rank(), b.kind().rank());
        if (byKind != 0) {
            return byKind;
        }
        int byStart = Long.compare(startTime(a), startTime(b));
        if (byStart != 0) {
            return byStart;
        }
        int byPid = Integer.compare(pid(a), pid(b));
        if (byPid != 0) {
            return byPid;
        }
        int byForeign = Boolean.compare(isForeignMount(a), isForeignMount(b));
        return byForeign != 0 ? byForeign : a.identity().compareTo(b.identity());
    }

    private static long startTime(Holder holder) {
        Optional<ProcessInfo> process = holder.process();
        return process.isPresent() ? process.get().startTime() : 0L;
    }

    private static int pid(Holder holder) {
        Optional<ProcessInfo> process = holder.process();
        return process.isPresent() ? process.get().pid() : 0;
    }

    private static boolean isForeignMount(Holder holder) {
        return holder instanceof Holders.BindMount mount && mount.foreign();
    }
}
