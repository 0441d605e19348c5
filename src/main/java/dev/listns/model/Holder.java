package dev.listns.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something that keeps a namespace alive. Each holder describes itself, so formatters never need to
 * know which discovery produced it and a new kind of holder needs no formatter change.
 */
public interface Holder {

    HolderKind kind();

    /** The task that is a member of the namespace (a process, or a thread's TID); empty for holders that only reference it. */
    OptionalInt memberPid();

    /** The process involved, if any (the member itself, or the owner of an fd or socket). */
    Optional<ProcessInfo> process();

    /** One-line human description for the command column, unescaped; formatters escape it. */
    String description();

    /**
     * Kind-specific facts for machine-readable output (fd number, path, ...); values are Strings,
     * Numbers or Booleans. Process facts are not repeated here: see {@link #process()}.
     */
    Map<String, Object> details();

    /**
     * What this holder is, without the numbers the kernel hands out again (PIDs, fd numbers): used by
     * audit to recognise the same holder across runs.
     */
    String identity();
}
