package dev.listns.model;

import java.util.Optional;

/**
 * What listns tells about a process. {@code command} is the raw command line (argv joined by spaces,
 * or {@code [comm]} for kernel threads) exactly as read: output formatters escape it.
 */
public record ProcessInfo(int pid, int ppid, String comm, String command, Optional<Container> container) {

    /** The command as shown in a row: the container label in front, like the original script's {@code [docker]}. */
    public String displayCommand() {
        return container.map(c -> "[" + c.label() + "] " + command).orElse(command);
    }
}
