package dev.listns.model;

/**
 * The ways a namespace can be kept alive. The label is the stable name used in JSON, metrics and audit
 * state; the rank orders kinds by how well a reader recognises a namespace from a holder of the kind
 * (see {@link Namespace#mainHolder()}): members before references, since a process says more than an
 * fd pointing at the namespace.
 */
public enum HolderKind {
    PROCESS("process", 0),
    THREAD("thread", 1),
    FOR_CHILDREN("for_children", 2),
    FD("fd", 4),
    BIND_MOUNT("bind_mount", 3),
    SOCKET("socket", 5),
    CHILD_NAMESPACE("child_namespace", 6),
    OWNED_NAMESPACE("owned_namespace", 7),
    /** The kernel lists the namespace as alive, and no holder listns can see explains it. */
    KERNEL("kernel", 8);

    private final String label;
    private final int rank;

    HolderKind(String label, int rank) {
        this.label = label;
        this.rank = rank;
    }

    public String label() {
        return label;
    }

    /** Lower for kinds that name a namespace better: see {@link Namespace#mainHolder()}. */
    public int rank() {
        return rank;
    }
}
