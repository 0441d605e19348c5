package dev.listns.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something that keeps a namespace alive. Each kind of holder is one record in {@link Holders}, and
 * everything else listns says about a holder follows from that record: its row in the table, its JSON
 * fields, its record in the audit state, and what audit must see again to call it the same holder. A
 * new kind is a new record (or, for a process's link or descriptor, a new {@link Holders.Link}); the
 * compiler then asks for every one of these.
 */
public sealed interface Holder permits Holders.Task, Holders.BindMount, Holders.Related, Holders.Kernel {

    HolderKind kind();

    /** The task that is a member of the namespace (a process, or a thread's TID); empty for holders that only reference it. */
    default OptionalInt memberPid() {
        return OptionalInt.empty();
    }

    /** The process involved, if any (the member itself, or the owner of an fd or socket); only a {@link Holders.Task} has one. */
    default Optional<ProcessInfo> process() {
        return Optional.empty();
    }

    /** One-line human description for the command column, unescaped; formatters escape it. */
    String description();

    /**
     * Kind-specific facts for machine-readable output (fd number, path, ...); values are Strings,
     * Numbers or Booleans. Process facts are not repeated here: see {@link #process()}.
     */
    Map<String, Object> details();

    /**
     * What this holder is, without the numbers the kernel hands out again (PIDs, fd numbers): what
     * audit lines and ignore rules show of it.
     */
    String identity();

    /**
     * What a later scan must see again for this to be the same holder: numbers the kernel never hands
     * out again together (a PID with its process's start time, a mount id with its path). Empty for a
     * holder that proves nothing on its own: a reference to another namespace ({@link #referenced()}),
     * a bind mount whose mount id is unknown.
     */
    Optional<String> proof();

    /** The namespace this holder is, for a child or owned namespace: it proves continuity only if that one continues. */
    default Optional<NamespaceId> referenced() {
        return Optional.empty();
    }

    /** The record's name in the audit state, e.g. {@code thread_fd}. */
    String recordTag();

    /** The record's fields in the audit state, in order; {@link Holders#read} reads them back. */
    void writeFields(HolderRecord.Writer out);
}
