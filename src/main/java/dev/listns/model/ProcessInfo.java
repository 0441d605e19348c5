package dev.listns.model;

import java.util.Optional;

/**
 * What listns tells about a process. Its command is the raw command line (argv joined by spaces, or
 * {@code [comm]} for kernel threads) exactly as read: output formatters escape it.
 *
 * @param startTime clock ticks from boot to the process's start: with the PID, it names one process
 *                  for the whole uptime, since PIDs are reused but never at the same start time
 * @param uid       the owner of its {@code /proc/PID} directory, as {@code lsns} reads it: the process's
 *                  effective UID, or root's for a process that is not dumpable; {@link #UNKNOWN_UID}
 *                  where it was not read (an audit state records none)
 */
public record ProcessInfo(int pid, int ppid, String comm, CommandLine commandLine, long startTime,
        Optional<Container> container, int uid) {

    public static final int UNKNOWN_UID = -1;

    public ProcessInfo(int pid, int ppid, String comm, CommandLine commandLine, long startTime,
            Optional<Container> container) {
        this(pid, ppid, comm, commandLine, startTime, container, UNKNOWN_UID);
    }

    public ProcessInfo(int pid, int ppid, String comm, String command, long startTime, Optional<Container> container,
            int uid) {
        this(pid, ppid, comm, CommandLine.of(command), startTime, container, uid);
    }

    public ProcessInfo(int pid, int ppid, String comm, String command, long startTime, Optional<Container> container) {
        this(pid, ppid, comm, command, startTime, container, UNKNOWN_UID);
    }

    public String command() {
        return commandLine.text();
    }

    /** The command as shown in a row: the container label in front, like the original script's {@code [docker]}. */
    public String displayCommand() {
        return container.map(c -> "[" + c.label() + "] " + command()).orElse(command());
    }
}
