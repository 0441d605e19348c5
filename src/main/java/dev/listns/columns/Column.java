package dev.listns.columns;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;

import java.util.Locale;
import java.util.Optional;

/**
 * Every column listns can print, each defined once: its name (the header, the JSON key in lower case,
 * what {@code -o} and filters call it), its type, a line for {@code -H}, and how its value follows from
 * a {@link Line}. The first thirteen are lsns's, with lsns's names and meanings; the rest are listns's own.
 *
 * <p>Values come from one switch rather than a lambda per column, and without Optional chains: the enum
 * loads with the options, {@code -l} asks it for every line, and a lambda is a class the JVM spins at
 * start-up.
 */
public enum Column {
    NS(ColumnType.NUMBER, "the namespace's inode number, which lsns uses as its identifier"),
    TYPE(ColumnType.TEXT, "the namespace's type: cgroup, ipc, mnt, net, pid, time, user or uts"),
    PATH(ColumnType.TEXT, "a file that opens the namespace: /proc/PID/ns/TYPE of the line's process, "
            + "or else the holder's own (a bind mount, an fd)"),
    NPROCS(ColumnType.NUMBER, "how many processes are members (threads apart from their process not counted)"),
    PID(ColumnType.NUMBER, "the line's process: with -l the lowest member PID, else the holder's process"),
    PPID(ColumnType.NUMBER, "the parent PID of the line's process"),
    COMMAND(ColumnType.TEXT, "the command line of the line's process (its name when it has none)"),
    UID(ColumnType.NUMBER, "the UID of the line's process (the owner of /proc/PID); without a process, "
            + "the UID that created a user namespace"),
    USER(ColumnType.TEXT, "that UID as a user name, from the host's /etc/passwd"),
    NETNSID(ColumnType.TEXT, "the NETNSID of a network namespace as listns's own sees it, or 'unassigned'"),
    NSFS(ColumnType.TEXT, "where the namespace is bind-mounted in listns's mount namespace"),
    PNS(ColumnType.NUMBER, "the inode of the parent namespace (user and pid namespaces); 0 where there is none"),
    ONS(ColumnType.NUMBER, "the inode of the owning user namespace; 0 where there is none"),

    ID(ColumnType.TEXT, "the namespace as the kernel writes it, e.g. net:[4026531833]"),
    NSID(ColumnType.NUMBER, "the kernel's id for the namespace, never reused until reboot (Linux 6.18; "
            + "mount namespaces 6.11)"),
    HOLDERS(ColumnType.NUMBER, "how many things keep the namespace alive"),
    HOLDER(ColumnType.TEXT, "what keeps it alive: the line's holder, or with -l the main one"),
    KIND(ColumnType.TEXT, "the kind of that holder: process, thread, for_children, fd, bind_mount, socket, "
            + "child_namespace, owned_namespace or kernel"),
    NAMES(ColumnType.TEXT, "the names given to it with 'ip netns'"),
    CONTAINER(ColumnType.TEXT, "the container of the line's process as ENGINE:NAME (Kubernetes: "
            + "ENGINE:NAMESPACE/POD/CONTAINER), from the engine's own files; the short id where no name was found");

    /** Whether a table shows the column right-aligned; not the same as numbers, as in lsns (NETNSID). */
    private final boolean rightAligned;
    private final ColumnType type;
    private final String description;

    Column(ColumnType type, String description) {
        this.type = type;
        this.description = description;
        this.rightAligned = type == ColumnType.NUMBER || "NETNSID".equals(name());
    }

    /** The heading in a table, as {@code -o} and filters name it. */
    public String header() {
        return name();
    }

    /** The key in JSON output: the name in lower case, as lsns's JSON writes it. */
    public String jsonKey() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ColumnType type() {
        return type;
    }

    public String description() {
        return description;
    }

    public boolean rightAligned() {
        return rightAligned;
    }

    /** Whether a table on a terminal may cut it to fit, as lsns cuts COMMAND; never in a pipe or with -u. */
    public boolean truncatable() {
        return this == COMMAND || this == HOLDER;
    }

    /** Whether a table shows the values of a list one per line (unless -W), as lsns shows NSFS. */
    public boolean multiLine() {
        return this == NSFS || this == NAMES;
    }

    /** Whether its value needs the UID of the line's process, which a scan reads only when asked (ScanRequest). */
    public boolean needsUid() {
        return this == UID || this == USER;
    }

    /** The column named {@code name}, in any case, as lsns accepts it. */
    public static Optional<Column> named(String name) {
        for (Column column : values()) {
            if (column.name().equalsIgnoreCase(name)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    public ColumnValue value(Line line) {
        Namespace ns = line.namespace();
        ProcessInfo process = line.process().orElse(null);
        Holder holder = line.holder().orElse(null);
        return switch (this) {
            case NS -> new ColumnValue.Number(ns.id().inode());
            case TYPE -> new ColumnValue.Text(ns.type().label());
            case PATH -> ColumnValue.text(path(line));
            case NPROCS -> new ColumnValue.Number(line.summary().memberProcesses().size());
            case PID -> process == null ? ColumnValue.ABSENT : new ColumnValue.Number(process.pid());
            case PPID -> process == null ? ColumnValue.ABSENT : new ColumnValue.Number(process.ppid());
            case COMMAND -> process == null ? ColumnValue.ABSENT : new ColumnValue.Text(command(process));
            case UID -> {
                Optional<Integer> uid = uid(line);
                yield uid.isEmpty() ? ColumnValue.ABSENT : new ColumnValue.Number(Integer.toUnsignedLong(uid.get()));
            }
            case USER -> {
                Optional<Integer> uid = uid(line);
                yield uid.isEmpty() ? ColumnValue.ABSENT
                        : new ColumnValue.Text(line.context().users().name(uid.get()).orElse(Integer.toUnsignedString(uid.get())));
            }
            case NETNSID -> ColumnValue.text(netnsId(line));
            case NSFS -> ColumnValue.list(line.summary().mountPoints());
            case PNS -> number(related(ns, ns.type().isHierarchical() ? ns.parent() : Optional.empty(),
                    ns.initial() || !ns.type().isHierarchical()));
            case ONS -> number(related(ns, ns.owner(), ns.initial() && ns.type() == NamespaceType.USER));
            case ID -> new ColumnValue.Text(ns.id().toString());
            case NSID -> number(ns.nsId().isPresent() ? Optional.of(ns.nsId().getAsLong()) : Optional.empty());
            case HOLDERS -> new ColumnValue.Number(ns.holders().size());
            case HOLDER -> holder == null ? ColumnValue.ABSENT : new ColumnValue.Text(holder.description());
            case KIND -> holder == null ? ColumnValue.ABSENT : new ColumnValue.Text(holder.kind().label());
            case NAMES -> ColumnValue.list(ns.names());
            case CONTAINER -> process == null || process.container().isEmpty() ? ColumnValue.ABSENT
                    : new ColumnValue.Text(process.container().get().label());
        };
    }

    private static ColumnValue number(Optional<Long> value) {
        return value.isPresent() ? new ColumnValue.Number(value.get()) : ColumnValue.ABSENT;
    }

    /**
     * The command as lsns shows it: the command line, or for a process without one (a kernel thread) its
     * name, where listns's own rows write {@code [name]}. A process whose argv is literally {@code [name]}
     * reads as its name here too: the model keeps no mark of which it was.
     */
    private static String command(ProcessInfo p) {
        String command = p.command();
        return command.length() == p.name().length() + 2 && command.equals("[" + p.name() + "]") ? p.name() : command;
    }

    /**
     * The process's UID; without a process, the UID that created a user namespace (lsns 2.42 shows 0 for
     * other types, which would name root for a namespace nobody can tell the creator of).
     */
    private static Optional<Integer> uid(Line line) {
        if (line.process().isPresent()) {
            int uid = line.process().get().uid();
            return uid == ProcessInfo.UNKNOWN_UID ? Optional.empty() : Optional.of(uid);
        }
        Namespace ns = line.namespace();
        return ns.type() == NamespaceType.USER && ns.ownerUid().isPresent() ? Optional.of(ns.ownerUid().getAsInt())
                : Optional.empty();
    }

    /** For a namespace line with a process, lsns's {@code /proc/PID/ns/TYPE}; otherwise the holder's path. */
    private static Optional<String> path(Line line) {
        NamespaceType type = line.namespace().type();
        if (line.view() == Line.View.NAMESPACE && line.process().isPresent()) {
            return Optional.of("/proc/" + line.process().get().pid() + "/ns/" + type.label());
        }
        return line.holder().isPresent() ? holderPath(line.holder().get(), type) : Optional.empty();
    }

    private static Optional<String> holderPath(Holder holder, NamespaceType type) {
        if (holder instanceof Holders.Task task) {
            String base = "/proc/" + task.info().pid() + (task.byThread() ? "/task/" + task.tid() : "");
            return switch (task.link()) {
                case MEMBER -> Optional.of(base + "/ns/" + type.label());
                case FOR_CHILDREN -> Optional.of(base + "/ns/" + type.label() + "_for_children");
                case DESCRIPTOR -> Optional.of(base + "/fd/" + task.fd());
                case SOCKET -> Optional.empty(); // a socket is no nsfs file: it does not open the namespace
            };
        }
        if (holder instanceof Holders.BindMount mount && !mount.foreign()) {
            return Optional.of(mount.path());
        }
        return Optional.empty();
    }

    /** lsns's NETNSID: network namespaces only, "unassigned" where the kernel was asked and has none. */
    private static Optional<String> netnsId(Line line) {
        Namespace ns = line.namespace();
        if (ns.type() != NamespaceType.NET) {
            return Optional.empty();
        }
        if (ns.netnsId().isPresent()) {
            return Optional.of(Integer.toString(ns.netnsId().getAsInt()));
        }
        return line.context().netnsIdsAsked() ? Optional.of("unassigned") : Optional.empty();
    }

    /**
     * A parent's or owner's inode; 0 where the namespace has none ({@code none}: the initial ones, and
     * types without parents), as lsns writes it; absent where listns could not learn it (Java 17).
     */
    private static Optional<Long> related(Namespace ns, Optional<NamespaceId> related, boolean none) {
        if (related.isPresent()) {
            return Optional.of(related.get().inode());
        }
        return none ? Optional.of(0L) : Optional.empty();
    }
}
