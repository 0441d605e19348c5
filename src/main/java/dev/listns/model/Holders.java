package dev.listns.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The holder kinds listns knows, one record each. */
public final class Holders {
    private Holders() {
    }

    private static String processIdentity(ProcessInfo p) {
        return p.container().map(c -> "[" + c.label() + "] ").orElse("") + p.command();
    }

    /** A process whose own namespace link points at the namespace. */
    public record Member(ProcessInfo info) implements Holder {
        public HolderKind kind() { return HolderKind.PROCESS; }
        public OptionalInt memberPid() { return OptionalInt.of(info.pid()); }
        public Optional<ProcessInfo> process() { return Optional.of(info); }
        public String description() { return info.displayCommand(); }
        public Map<String, Object> details() { return Map.of(); }
        public String identity() { return "process " + processIdentity(info); }
    }

    /** A thread that sits in a different namespace than its process. */
    public record Thread(int tid, ProcessInfo info) implements Holder {
        public HolderKind kind() { return HolderKind.THREAD; }
        public OptionalInt memberPid() { return OptionalInt.of(tid); }
        public Optional<ProcessInfo> process() { return Optional.of(info); }
        public String description() { return "thread " + tid + " of " + info.pid() + " " + info.displayCommand(); }
        public Map<String, Object> details() { return Map.of("tid", tid); }
        public String identity() { return "thread of " + processIdentity(info); }
    }

    /** A {@code pid_for_children} or {@code time_for_children} link that differs from the process's own namespace. */
    public record ForChildren(ProcessInfo info) implements Holder {
        public HolderKind kind() { return HolderKind.FOR_CHILDREN; }
        public OptionalInt memberPid() { return OptionalInt.empty(); }
        public Optional<ProcessInfo> process() { return Optional.of(info); }
        public String description() { return "for children of " + info.pid() + " " + info.displayCommand(); }
        public Map<String, Object> details() { return Map.of(); }
        public String identity() { return "for children of " + processIdentity(info); }
    }

    /**
     * A thread's {@code pid_for_children} or {@code time_for_children} link that differs from its own
     * namespace and from its process's link: the thread unshared or entered that namespace on its own.
     */
    public record ThreadForChildren(int tid, ProcessInfo info) implements Holder {
        public HolderKind kind() { return HolderKind.FOR_CHILDREN; }
        public OptionalInt memberPid() { return OptionalInt.empty(); }
        public Optional<ProcessInfo> process() { return Optional.of(info); }
        public String description() { return "for children of thread " + tid + " of " + info.pid() + " " + info.displayCommand(); }
        public Map<String, Object> details() { return Map.of("tid", tid); }
        public String identity() { return "for children of a thread of " + processIdentity(info); }
    }

    /** An open file descriptor on an nsfs file. */
    public record Fd(int fd, ProcessInfo info) implements Holder {
        public HolderKind kind() { return HolderKind.FD; }
        public OptionalInt memberPid() { return OptionalInt.empty(); }
        public Optional<ProcessInfo> process() { return Optional.of(info); }
        public String description() { return "fd " + fd + " of " + info.pid() + " " + info.displayCommand(); }
        public Map<String, Object> details() { return Map.of("fd", fd); }
        public String identity() { return "fd of " + processIdentity(info); }
    }

    /** An open descriptor on an nsfs file in a thread's own descriptor table (after unshare(CLONE_FILES)). */
    public record ThreadFd(int tid, int fd, ProcessInfo info) implements Holder {
        public HolderKind kind() { return HolderKind.FD; }
        public OptionalInt memberPid() { return OptionalInt.empty(); }
        public Optional<ProcessInfo> process() { return Optional.of(info); }
        public String description() { return "fd " + fd + " of thread " + tid + " of " + info.pid() + " " + info.displayCommand(); }
        public Map<String, Object> details() { return Map.of("fd", fd, "tid", tid); }
        public String identity() { return "fd of a thread of " + processIdentity(info); }
    }

    /** A socket in a thread's own descriptor table (after unshare(CLONE_FILES)), created in a network namespace. */
    public record ThreadSocket(int tid, int fd, ProcessInfo info) implements Holder {
        public HolderKind kind() { return HolderKind.SOCKET; }
        public OptionalInt memberPid() { return OptionalInt.empty(); }
        public Optional<ProcessInfo> process() { return Optional.of(info); }
        public String description() { return "socket fd " + fd + " of thread " + tid + " of " + info.pid() + " " + info.displayCommand(); }
        public Map<String, Object> details() { return Map.of("fd", fd, "tid", tid); }
        public String identity() { return "socket of a thread of " + processIdentity(info); }
    }

    /** A socket created in a network namespace, held open by some process. */
    public record Socket(int fd, ProcessInfo info) implements Holder {
        public HolderKind kind() { return HolderKind.SOCKET; }
        public OptionalInt memberPid() { return OptionalInt.empty(); }
        public Optional<ProcessInfo> process() { return Optional.of(info); }
        public String description() { return "socket fd " + fd + " of " + info.pid() + " " + info.displayCommand(); }
        public Map<String, Object> details() { return Map.of("fd", fd); }
        public String identity() { return "socket of " + processIdentity(info); }
    }

    /**
     * An nsfs bind mount. {@code mountNamespace} is the mount namespace whose table holds it; {@code foreign}
     * tells whether that differs from the one listns runs in, so the path alone would mislead.
     * {@code mountId} is the kernel's id for the mount (never reused while it exists), or -1 if unknown.
     */
    public record BindMount(String path, NamespaceId mountNamespace, boolean foreign, int mountId) implements Holder {
        public HolderKind kind() { return HolderKind.BIND_MOUNT; }
        public OptionalInt memberPid() { return OptionalInt.empty(); }
        public Optional<ProcessInfo> process() { return Optional.empty(); }
        public String description() { return "bind mount " + path + (foreign ? " in " + mountNamespace : ""); }
        public Map<String, Object> details() { return Map.of("path", path, "mount_namespace", mountNamespace.toString(), "mount_id", mountId); }
        public String identity() { return "bind mount " + path + (foreign ? " in another mount namespace" : ""); }
    }

    /** A child user or PID namespace: the kernel keeps every parent alive while a child exists. */
    public record ParentOf(NamespaceId child) implements Holder {
        public HolderKind kind() { return HolderKind.CHILD_NAMESPACE; }
        public OptionalInt memberPid() { return OptionalInt.empty(); }
        public Optional<ProcessInfo> process() { return Optional.empty(); }
        public String description() { return "parent of " + child; }
        public Map<String, Object> details() { return Map.of("namespace", child.toString()); }
        public String identity() { return "parent of a " + child.type().label() + " namespace"; }
    }

    /** A namespace owned by this user namespace: it keeps its owner alive. */
    public record OwnerOf(NamespaceId owned) implements Holder {
        public HolderKind kind() { return HolderKind.OWNED_NAMESPACE; }
        public OptionalInt memberPid() { return OptionalInt.empty(); }
        public Optional<ProcessInfo> process() { return Optional.empty(); }
        public String description() { return "owner of " + owned; }
        public Map<String, Object> details() { return Map.of("namespace", owned.toString()); }
        public String identity() { return "owner of a " + owned.type().label() + " namespace"; }
    }
}
