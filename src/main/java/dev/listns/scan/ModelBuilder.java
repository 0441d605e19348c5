package dev.listns.scan;

import dev.listns.model.Baseline;
import dev.listns.model.Holder;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The one model every discovery feeds; {@link #build} freezes it into sorted records. */
public final class ModelBuilder {
    private final Map<NamespaceId, Draft> drafts = new HashMap<>();
    private final Map<Long, NamespaceId> byInode = new HashMap<>();
    private final Map<Long, List<Holder>> untyped = new HashMap<>();
    private final Map<Long, NamespaceId> byNsId = new HashMap<>();

    private static final class Draft {
        /** Members, which the walk meets once each: kept without the hashing a set needs. */
        final List<Holder> members = new ArrayList<>();
        final Set<Holder> holders = new LinkedHashSet<>();

        List<Holder> all() {
            List<Holder> all = new ArrayList<>(members.size() + holders.size());
            all.addAll(members);
            all.addAll(holders);
            return all;
        }
        final Set<String> names = new TreeSet<>();
        NamespaceId parent;
        NamespaceId owner;
        Integer ownerUid;
        Integer netnsId;
        Long nsId;
    }

    /** Records that a namespace exists, even if nothing is yet known to hold it. Answers whether it is new. */
    public boolean ensure(NamespaceId id) {
        if (drafts.containsKey(id)) {
            return false;
        }
        drafts.put(id, new Draft());
        byInode.put(id.inode(), id);
        List<Holder> waiting = untyped.remove(id.inode());
        if (waiting != null) {
            drafts.get(id).holders.addAll(waiting);
        }
        return true;
    }

    public void add(NamespaceId id, Holder holder) {
        ensure(id);
        drafts.get(id).holders.add(holder);
    }

    /**
     * Where the processes in {@code id} go, each added once by the caller: a big host has ten thousand in
     * each initial namespace, and hashing each into a set costs more than the rest of their handling.
     * Kept by the caller, it adds many members without looking the namespace up for each.
     */
    public Members members(NamespaceId id) {
        ensure(id);
        return new Members(drafts.get(id).members);
    }

    /** The members of one namespace, in the order added. */
    public static final class Members {
        private final List<Holder> list;

        private Members(List<Holder> list) {
            this.list = list;
        }

        public void add(Holder member) {
            list.add(member);
        }
    }

    /**
     * A holder of a namespace known only by inode (an fd opened through a bind-mount path). It joins
     * the namespace once its type is learnt; nsfs inodes are unique across types.
     */
    public void addByInode(long inode, Holder holder) {
        NamespaceId known = byInode.get(inode);
        if (known != null) {
            add(known, holder);
        } else {
            untyped.computeIfAbsent(inode, k -> new ArrayList<>()).add(holder);
        }
    }

    public Optional<NamespaceId> byInode(long inode) {
        return Optional.ofNullable(byInode.get(inode));
    }

    /** Inodes still waiting for a type. */
    public Set<Long> untypedInodes() {
        return Set.copyOf(untyped.keySet());
    }

    public Set<NamespaceId> ids() {
        return Set.copyOf(drafts.keySet());
    }

    public List<Holder> holders(NamespaceId id) {
        Draft draft = drafts.get(id);
        return draft == null ? List.of() : List.copyOf(draft.all());
    }

    public void name(NamespaceId id, String name) {
        ensure(id);
        drafts.get(id).names.add(name);
    }

    public void parent(NamespaceId id, NamespaceId parent) {
        ensure(id);
        drafts.get(id).parent = parent;
    }

    public void owner(NamespaceId id, NamespaceId owner) {
        ensure(id);
        drafts.get(id).owner = owner;
    }

    public void ownerUid(NamespaceId id, int uid) {
        ensure(id);
        drafts.get(id).ownerUid = uid;
    }

    public void netnsId(NamespaceId id, int nsid) {
        ensure(id);
        drafts.get(id).netnsId = nsid;
    }

    /** The kernel's id for the namespace (NS_GET_ID). */
    public void nsId(NamespaceId id, long nsId) {
        ensure(id);
        drafts.get(id).nsId = nsId;
        byNsId.put(nsId, id);
    }

    /** The namespace the kernel knows by {@code nsId}, if one was given that id. */
    public Optional<NamespaceId> byNsId(long nsId) {
        return Optional.ofNullable(byNsId.get(nsId));
    }

    /** Whether anything is known to hold the namespace. */
    public boolean isHeld(NamespaceId id) {
        Draft draft = drafts.get(id);
        return draft != null && (!draft.members.isEmpty() || !draft.holders.isEmpty());
    }

    // Plain loops in build and ids: both run on every start, where each lambda is a class the JVM spins first.
    public List<Namespace> build(Baseline baseline) {
        for (NamespaceId initial : baseline.namespaces().values()) {
            ensure(initial);
        }
        List<Namespace> namespaces = new ArrayList<>(drafts.size());
        for (Map.Entry<NamespaceId, Draft> entry : new TreeMap<>(drafts).entrySet()) {
            NamespaceId id = entry.getKey();
            Draft d = entry.getValue();
            namespaces.add(new Namespace(id, baseline.isInitial(id), d.all(),
                    new ArrayList<>(d.names), Optional.ofNullable(d.parent), Optional.ofNullable(d.owner),
                    d.ownerUid == null ? OptionalInt.empty() : OptionalInt.of(d.ownerUid),
                    d.netnsId == null ? OptionalInt.empty() : OptionalInt.of(d.netnsId),
                    d.nsId == null ? OptionalLong.empty() : OptionalLong.of(d.nsId)));
        }
        return namespaces;
    }

    /** For discoveries that must revisit namespaces of one type (e.g. mount namespaces found late). */
    public Set<NamespaceId> ids(NamespaceType type) {
        Set<NamespaceId> ids = new TreeSet<>();
        for (NamespaceId id : drafts.keySet()) {
            if (id.type() == type) {
                ids.add(id);
            }
        }
        return ids;
    }
}
