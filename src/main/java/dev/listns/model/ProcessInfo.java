package dev.listns.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What listns tells about a process.
 *
 * @param name      the kernel's short name for it ({@code comm}, at most 15 bytes)
 * @param command   the command line as read (argv joined by spaces), or {@code [name]} for a process
 *                  with none (a kernel thread, a zombie); output formatters escape it. Empty when the
 *                  scan was not asked to read it ({@link ScanRequest#initialCommands()}).
 * @param startTime clock ticks from boot to the process's start: with the PID, it names one process
 *                  for the whole uptime, since PIDs are reused but never at the same start time
 * @param uid       the owner of its {@code /proc/PID} directory, as {@code lsns} reads it: the process's
 *                  effective UID, or root's for a process that is not dumpable; {@link #UNKNOWN_UID}
 *                  where it was not read (an audit state records none)
 */
public record ProcessInfo(int pid, int ppid, String name, String command, long startTime,
        Optional<Container> container, int uid) {

    public static final int UNKNOWN_UID = -1;

    /** A process whose UID was not read (an audit state records none). */
    public ProcessInfo(int pid, int ppid, String name, String command, long startTime, Optional<Container> container) {
        this(pid, ppid, name, command, startTime, container, UNKNOWN_UID);
    }

    /** Whether the scan read the command line; see {@link #command()}. */
    public boolean commandRead() {
        return !command.isEmpty();
    }

    // equals and hashCode written out, the same as a record's own: the generated ones bootstrap
    // java.lang.runtime.ObjectMethods, a tree of method handles spun on first use, and holders that
    // name a process are hashed into a set on every scan that finds one. RecordEqualityTest holds them
    // to the generated definition.
    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessInfo other && pid == other.pid && ppid == other.ppid
                && Objects.equals(name, other.name) && Objects.equals(command, other.command)
                && startTime == other.startTime && Objects.equals(container, other.container) && uid == other.uid;
    }

    @Override
    public int hashCode() {
        int hash = Integer.hashCode(pid);
        hash = 31 * hash + Integer.hashCode(ppid);
        hash = 31 * hash + Objects.hashCode(name);
        hash = 31 * hash + Objects.hashCode(command);
        hash = 31 * hash + Long.hashCode(startTime);
        hash = 31 * hash + Objects.hashCode(container);
        return 31 * hash + Integer.hashCode(uid);
    }
}
