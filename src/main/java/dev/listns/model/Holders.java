package dev.listns.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The holder kinds listns knows, one record each; see {@link Holder} for what follows from them.
 *
 * <p>Each record's equals and hashCode are written out, the same as the generated ones: those bootstrap
 * java.lang.runtime.ObjectMethods, a tree of method handles spun on first use of each record, and the
 * scan hashes every holder but a member process into a set. RecordEqualityTest holds them to the generated
 * definition.
 */
public final class Holders {
    /** {@link Task#tid()} of a holder that is the process itself, not one of its threads (TIDs start at 1). */
    public static final int PROCESS_ITSELF = 0;
    /** {@link Task#fd()} of a holder that is no descriptor. */
    public static final int NO_FD = -1;

    private Holders() {
    }

    /** A process that is a member of the namespace. */
    public static Task member(ProcessInfo info) {
        return new Task(Link.MEMBER, PROCESS_ITSELF, NO_FD, info);
    }

    /** A thread that sits in a different namespace than its process. */
    public static Task thread(int tid, ProcessInfo info) {
        return new Task(Link.MEMBER, tid, NO_FD, info);
    }

    /** A process's {@code pid_for_children} or {@code time_for_children} link that differs from its own namespace. */
    public static Task forChildren(ProcessInfo info) {
        return new Task(Link.FOR_CHILDREN, PROCESS_ITSELF, NO_FD, info);
    }

    /** A thread's own {@code *_for_children} link, differing from its namespace and its process's link. */
    public static Task threadForChildren(int tid, ProcessInfo info) {
        return new Task(Link.FOR_CHILDREN, tid, NO_FD, info);
    }

    /** An open descriptor on an nsfs file. */
    public static Task fd(int fd, ProcessInfo info) {
        return new Task(Link.DESCRIPTOR, PROCESS_ITSELF, fd, info);
    }

    /** An nsfs descriptor in a thread's own descriptor table (after unshare(CLONE_FILES)). */
    public static Task threadFd(int tid, int fd, ProcessInfo info) {
        return new Task(Link.DESCRIPTOR, tid, fd, info);
    }

    /** A socket created in a network namespace, held open by a process. */
    public static Task socket(int fd, ProcessInfo info) {
        return new Task(Link.SOCKET, PROCESS_ITSELF, fd, info);
    }

    /** A socket in a thread's own descriptor table. */
    public static Task threadSocket(int tid, int fd, ProcessInfo info) {
        return new Task(Link.SOCKET, tid, fd, info);
    }

    /**
     * The holder an audit state record describes.
     *
     * @throws IllegalArgumentException for an unknown tag or a bad field
     */
    public static Holder read(String tag, HolderRecord.Reader in) {
        for (Link link : Link.values()) {
            if (tag.equals(link.processTag)) {
                return Task.read(link, false, in);
            }
            if (tag.equals(link.threadTag)) {
                return Task.read(link, true, in);
            }
        }
        for (Relation relation : Relation.values()) {
            if (tag.equals(relation.tag)) {
                return new Related(relation, in.namespace());
            }
        }
        return switch (tag) {
            case BindMount.TAG -> BindMount.read(in);
            case Kernel.TAG -> new Kernel();
            default -> throw new IllegalArgumentException("unknown record '" + tag + "'");
        };
    }

    /** How a process or one of its threads holds a namespace: what its {@link Task}s differ in. */
    public enum Link {
        /** Its own namespace link points at the namespace. */
        MEMBER(HolderKind.PROCESS, HolderKind.THREAD, "process", "thread"),
        /** Its {@code pid_for_children} or {@code time_for_children} link does. */
        FOR_CHILDREN(HolderKind.FOR_CHILDREN, HolderKind.FOR_CHILDREN, "for_children", "thread_for_children"),
        /** An nsfs file is open in its descriptor table. */
        DESCRIPTOR(HolderKind.FD, HolderKind.FD, "fd", "thread_fd"),
        /** A socket created in the network namespace is open in its descriptor table. */
        SOCKET(HolderKind.SOCKET, HolderKind.SOCKET, "socket", "thread_socket");

        private final HolderKind processKind;
        private final HolderKind threadKind;
        private final String processTag;
        private final String threadTag;

        Link(HolderKind processKind, HolderKind threadKind, String processTag, String threadTag) {
            this.processKind = processKind;
            this.threadKind = threadKind;
            this.processTag = processTag;
            this.threadTag = threadTag;
        }

        boolean hasFd() {
            return this == DESCRIPTOR || this == SOCKET;
        }
    }

    /**
     * A process, or one of its threads ({@code tid} other than {@link #PROCESS_ITSELF}), holding the
     * namespace through {@code link}; {@code fd} is the descriptor for the links that are one, else
     * {@link #NO_FD}.
     */
    public record Task(Link link, int tid, int fd, ProcessInfo info) implements Holder {
        public Task {
            if (link.hasFd() != (fd != NO_FD)) {
                throw new IllegalArgumentException(link + " with fd " + fd);
            }
        }

        public boolean byThread() {
            return tid != PROCESS_ITSELF;
        }

        @Override
        public HolderKind kind() {
            return byThread() ? link.threadKind : link.processKind;
        }

        @Override
        public OptionalInt memberPid() {
            return link != Link.MEMBER ? OptionalInt.empty() : OptionalInt.of(byThread() ? tid : info.pid());
        }

        @Override
        public Optional<ProcessInfo> process() {
            return Optional.of(info);
        }

        @Override
        public String description() {
            // The PID column shows a member process; everything else names its process in the text.
            String command = shownCommand(info);
            String whose = (byThread() ? "thread " + tid + " of " : "") + info.pid() + " " + command;
            return switch (link) {
                case MEMBER -> byThread() ? whose : command;
                case FOR_CHILDREN -> "for children of " + whose;
                case DESCRIPTOR -> "fd " + fd + " of " + whose;
                case SOCKET -> "socket fd " + fd + " of " + whose;
            };
        }

        @Override
        public Map<String, Object> details() {
            if (byThread()) {
                return fd == NO_FD ? Map.of("tid", tid) : Map.of("fd", fd, "tid", tid);
            }
            return fd == NO_FD ? Map.of() : Map.of("fd", fd);
        }

        @Override
        public String identity() {
            String whose = (byThread() ? "a thread of " : "") + shownCommand(info);
            return switch (link) {
                case MEMBER -> byThread() ? "thread of " + shownCommand(info) : "process " + shownCommand(info);
                case FOR_CHILDREN -> "for children of " + whose;
                case DESCRIPTOR -> "fd of " + whose;
                case SOCKET -> "socket of " + whose;
            };
        }

        @Override
        public Optional<String> proof() {
            // PID and start time together are never handed out again; the TID and fd are the process's own.
            return Optional.of(recordTag() + (byThread() ? " " + tid : "") + (fd != NO_FD ? " " + fd : "")
                    + " of " + info.pid() + "@" + info.startTime());
        }

        @Override
        public Optional<NamespaceId> referenced() {
            return Optional.empty();
        }

        @Override
        public String recordTag() {
            return byThread() ? link.threadTag : link.processTag;
        }

        @Override
        public void writeFields(HolderRecord.Writer out) {
            if (byThread()) {
                out.integer(tid);
            }
            if (fd != NO_FD) {
                out.integer(fd);
            }
            out.process(info);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Task other && link == other.link && tid == other.tid && fd == other.fd
                    && Objects.equals(info, other.info);
        }

        @Override
        public int hashCode() {
            int hash = Objects.hashCode(link);
            hash = 31 * hash + Integer.hashCode(tid);
            hash = 31 * hash + Integer.hashCode(fd);
            return 31 * hash + Objects.hashCode(info);
        }

        private static Task read(Link link, boolean byThread, HolderRecord.Reader in) {
            int tid = byThread ? in.integer() : PROCESS_ITSELF;
            int fd = link.hasFd() ? in.integer() : NO_FD;
            if (byThread && tid <= 0 || link.hasFd() && fd < 0) {
                throw new IllegalArgumentException("a thread id or descriptor out of range");
            }
            return new Task(link, tid, fd, in.process());
        }

        /** The process as rows and audit lines show it: its container in front, like the 2014 script's {@code [docker]}. */
        private static String shownCommand(ProcessInfo p) {
            return p.container().isPresent() ? "[" + p.container().get().label() + "] " + p.command() : p.command();
        }
    }

    /**
     * An nsfs bind mount. {@code mountNamespace} is the mount namespace whose table holds it; {@code foreign}
     * tells whether that differs from the one listns runs in, so the path alone would mislead.
     * {@code mountId} is the kernel's id for the mount (never reused while it exists), or -1 if unknown.
     */
    public record BindMount(String path, NamespaceId mountNamespace, boolean foreign, int mountId) implements Holder {
        static final String TAG = "bind_mount";

        @Override
        public HolderKind kind() {
            return HolderKind.BIND_MOUNT;
        }

        @Override
        public String description() {
            return "bind mount " + path + (foreign ? " in " + mountNamespace : "");
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("path", path, "mount_namespace", mountNamespace.toString(), "mount_id", mountId);
        }

        @Override
        public String identity() {
            return "bind mount " + path + (foreign ? " in another mount namespace" : "");
        }

        @Override
        public Optional<String> proof() {
            return mountId < 0 ? Optional.empty() : Optional.of(TAG + " " + mountId + " " + path);
        }

        @Override
        public String recordTag() {
            return TAG;
        }

        @Override
        public void writeFields(HolderRecord.Writer out) {
            out.integer(mountId);
            out.namespace(mountNamespace);
            out.flag(foreign);
            out.text(path);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BindMount other && Objects.equals(path, other.path)
                    && Objects.equals(mountNamespace, other.mountNamespace) && foreign == other.foreign
                    && mountId == other.mountId;
        }

        @Override
        public int hashCode() {
            int hash = Objects.hashCode(path);
            hash = 31 * hash + Objects.hashCode(mountNamespace);
            hash = 31 * hash + Boolean.hashCode(foreign);
            return 31 * hash + Integer.hashCode(mountId);
        }

        /** The fields in the order {@link #writeFields} wrote them. */
        private static BindMount read(HolderRecord.Reader in) {
            int mountId = in.integer();
            NamespaceId mountNamespace = in.namespace();
            boolean foreign = in.flag();
            return new BindMount(in.text(), mountNamespace, foreign, mountId);
        }
    }

    /** A child user or PID namespace: the kernel keeps every parent alive while a child exists. */
    public static Related parentOf(NamespaceId child) {
        return new Related(Relation.CHILD, child);
    }

    /** A namespace owned by this user namespace: it keeps its owner alive. */
    public static Related ownerOf(NamespaceId owned) {
        return new Related(Relation.OWNED, owned);
    }

    /** How another namespace keeps this one alive. */
    public enum Relation {
        /** It is a child of this user or PID namespace. */
        CHILD(HolderKind.CHILD_NAMESPACE, "child_namespace", "parent of "),
        /** This user namespace owns it. */
        OWNED(HolderKind.OWNED_NAMESPACE, "owned_namespace", "owner of ");

        private final HolderKind kind;
        private final String tag;
        private final String words;

        Relation(HolderKind kind, String tag, String words) {
            this.kind = kind;
            this.tag = tag;
            this.words = words;
        }
    }

    /** Another namespace, {@code namespace}, that keeps this one alive by its {@code relation} to it. */
    public record Related(Relation relation, NamespaceId namespace) implements Holder {
        @Override
        public HolderKind kind() {
            return relation.kind;
        }

        @Override
        public String description() {
            return relation.words + namespace;
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("namespace", namespace.toString());
        }

        @Override
        public String identity() {
            return relation.words + "a " + namespace.type().label() + " namespace";
        }

        @Override
        public Optional<String> proof() {
            return Optional.empty();
        }

        @Override
        public Optional<NamespaceId> referenced() {
            return Optional.of(namespace);
        }

        @Override
        public String recordTag() {
            return relation.tag;
        }

        @Override
        public void writeFields(HolderRecord.Writer out) {
            out.namespace(namespace);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Related other && relation == other.relation
                    && Objects.equals(namespace, other.namespace);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(relation) + Objects.hashCode(namespace);
        }
    }

    /**
     * The kernel says the namespace is alive (the list of every mount namespace, or listns(2)), yet
     * nothing listns can see holds it: a descriptor in flight in a unix socket's queue, a mount in a
     * detached mount tree, a reference held inside the kernel. Said plainly rather than guessed at.
     */
    public record Kernel() implements Holder {
        static final String TAG = "kernel";

        @Override
        public HolderKind kind() {
            return HolderKind.KERNEL;
        }

        @Override
        public String description() {
            return "held by the kernel; listns could not tell what holds it";
        }

        @Override
        public Map<String, Object> details() {
            return Map.of();
        }

        @Override
        public String identity() {
            return "held by the kernel, holder unknown";
        }

        /** Nothing: only the namespace's own id can say it is the same one (see the audit identity rule). */
        @Override
        public Optional<String> proof() {
            return Optional.empty();
        }

        @Override
        public String recordTag() {
            return TAG;
        }

        @Override
        public void writeFields(HolderRecord.Writer out) {
            // no fields
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Kernel;
        }

        @Override
        public int hashCode() {
            return 0; // no fields
        }
    }
}
