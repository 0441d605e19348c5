package dev.listns.model;

/** The ways a namespace can be kept alive. The label is the stable name used in JSON, metrics and audit state. */
public enum HolderKind {
    PROCESS("process"),
    THREAD("thread"),
    FOR_CHILDREN("for_children"),
    FD("fd"),
    BIND_MOUNT("bind_mount"),
    SOCKET("socket"),
    CHILD_NAMESPACE("child_namespace"),
    OWNED_NAMESPACE("owned_namespace"),
    /** The kernel lists the namespace as alive, and no holder listns can see explains it. */
    KERNEL("kernel");

    private final String label;

    HolderKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
