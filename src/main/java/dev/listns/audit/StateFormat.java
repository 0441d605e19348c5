package dev.listns.audit;

/**
 * The audit state file, version 1: ASCII text, one record per line, fields separated by one space and
 * escaped as {@link StateFields} says; {@code -} is an absent optional field.
 *
 * <pre>
 * listns-audit-state 1
 * boot BOOT_ID
 * warning TEXT                                   (0..n, the scan's warnings last reported)
 * unavailable TEXT                               (0..n, discovery kinds this Java could not look for)
 * container ENGINE CONTAINER_ID NAME POD POD_NAMESPACE
 *                                                (0..n, what the engine's state names a container that
 *                                                 process records below refer to by ENGINE and CONTAINER_ID)
 * ns ID PARENT OWNER OWNER_UID NETNSID           (one per non-initial namespace, ID like net:[4026532281])
 * ns_id NS_ID                                    (0..1, the kernel's id of the namespace above: 6.18+, mnt 6.11+)
 * name TEXT                                      (0..n, names of the namespace above)
 * process PID PPID START COMM COMMAND ENGINE CONTAINER_ID
 * thread TID PID PPID START COMM COMMAND ENGINE CONTAINER_ID
 * for_children PID PPID START COMM COMMAND ENGINE CONTAINER_ID
 * fd FD PID PPID START COMM COMMAND ENGINE CONTAINER_ID
 * thread_fd TID FD PID PPID START COMM COMMAND ENGINE CONTAINER_ID          (in a thread's own fd table)
 * thread_for_children TID PID PPID START COMM COMMAND ENGINE CONTAINER_ID   (a thread's own link)
 * socket FD PID PPID START COMM COMMAND ENGINE CONTAINER_ID
 * thread_socket TID FD PID PPID START COMM COMMAND ENGINE CONTAINER_ID      (in a thread's own fd table)
 * bind_mount MOUNT_ID MOUNT_NAMESPACE FOREIGN(0|1) PATH
 * child_namespace ID
 * owned_namespace ID
 * kernel                                         (holders of the namespace above, 0..n)
 * end COUNT                                      (the number of ns lines: a file without it is truncated)
 * </pre>
 *
 * START is the process start time in clock ticks after boot; ENGINE and CONTAINER_ID are both
 * {@code -} for a process outside containers. The holder records are not listed anywhere else in
 * the code: each holder kind in {@code dev.listns.model.Holders} names its record and writes and
 * reads its fields (a list kept here for readers of the file). Records were added
 * to version 1 without bumping it: files without them read as before, and a reader that does not know
 * them refuses the file rather than misread it. {@code ns_id}, {@code kernel} and {@code container} are such records: a
 * file written on a kernel without ids (or by a listns before them) has no {@code ns_id} lines and is
 * read as before; its namespaces are then compared by the holder rule, and after a reboot by none.
 * A file without {@code container} lines (listns before container names) reads with containers known by
 * engine and id alone, as they were then.
 */
final class StateFormat {
    static final String MAGIC = "listns-audit-state";
    /** Bumped on any change a version-1 reader would misread; older files are then refused, not guessed at. */
    static final int VERSION = 1;
    static final String HEADER = MAGIC + " " + VERSION;

    static final String BOOT = "boot";
    static final String WARNING = "warning";
    static final String UNAVAILABLE = "unavailable";
    static final String CONTAINER = "container";
    static final String NAMESPACE = "ns";
    static final String NAME = "name";
    static final String NAMESPACE_ID = "ns_id";
    static final String END = "end";

    private StateFormat() {
    }
}
