package dev.listns.scan;

import dev.listns.model.Container;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which container each process belongs to: from its cgroup when the engine names it there,
 * otherwise from its parent chain (podman's {@code conmon}, containerd's shim). Results are memoised
 * per PID so a deep process tree costs one step per process.
 */
final class ContainerResolver {
    /** An engine supervisor's flags; compiled only when one is met, not on every walk. */
    private static final class Flags {
        static final Pattern CONMON_ID = Pattern.compile("(?:^| )(?:-c|--cid) ([0-9a-f]{64})(?: |$)");
        static final Pattern SHIM_ID = Pattern.compile("(?:^| )-id ([0-9a-zA-Z_.-]+)(?: |$)");
        static final Pattern SHIM_NAMESPACE = Pattern.compile("(?:^| )-namespace ([^ ]+)(?: |$)");
    }
    private static final int MAX_DEPTH = 64;

    /** What the resolver needs to know of each process; its command line is read only for an engine's supervisor. */
    record Candidate(int ppid, String comm, Supplier<String> command, String cgroup) {
    }

    /** The process with a PID, or null. */
    private final IntFunction<Candidate> processes;
    private final Map<Integer, Optional<Container>> resolved = new HashMap<>();
    /** Supervisors' command lines, each read once however many of its container's processes ask. */
    private final Map<Integer, String> supervisorCommands = new HashMap<>();
    private final CgroupContainerMatcher cgroups = new CgroupContainerMatcher();

    ContainerResolver(IntFunction<Candidate> processes) {
        this.processes = processes;
    }

    Optional<Container> containerOf(int pid) {
        return containerOf(pid, 0);
    }

    private Optional<Container> containerOf(int pid, int depth) {
        Optional<Container> known = resolved.get(pid);
        if (known != null) {
            return known;
        }
        Candidate process = processes.apply(pid);
        Optional<Container> container = Optional.empty();
        if (process != null) {
            container = cgroups.match(process.cgroup());
            if (container.isEmpty() && depth < MAX_DEPTH && process.ppid() > 0) {
                container = fromEngineParent(process.ppid());
                if (container.isEmpty()) {
                    container = containerOf(process.ppid(), depth + 1);
                }
            }
        }
        resolved.put(pid, container);
        return container;
    }

    /** The engine's own supervisor process, when {@code pid} is one: everything below it is the container. */
    private Optional<Container> fromEngineParent(int pid) {
        Candidate parent = processes.apply(pid);
        if (parent == null) {
            return Optional.empty();
        }
        if (parent.comm().equals("conmon")) {
            return container("podman", group(Flags.CONMON_ID, commandOf(pid, parent)));
        }
        if (parent.comm().startsWith("containerd-shim")) {
            String command = commandOf(pid, parent);
            Optional<String> namespace = group(Flags.SHIM_NAMESPACE, command);
            return container(namespace.isPresent() ? engineOfShim(namespace.get()) : "containerd", group(Flags.SHIM_ID, command));
        }
        return Optional.empty();
    }

    /**
     * The engine's supervisor among {@code pid}'s ancestors ({@code conmon}, a containerd shim), the
     * process whose user runs a rootless engine; {@code pid} itself when it has none.
     */
    Supervisor supervisorOf(int pid) {
        int at = pid;
        for (int depth = 0; depth < MAX_DEPTH && at > 0; depth++) {
            Candidate process = processes.apply(at);
            if (process == null) {
                break;
            }
            if (process.comm().equals("conmon")) {
                return new Supervisor(at, Optional.empty());
            }
            if (process.comm().startsWith("containerd-shim")) {
                return new Supervisor(at, group(Flags.SHIM_NAMESPACE, commandOf(at, process)));
            }
            at = process.ppid();
        }
        return new Supervisor(pid, Optional.empty());
    }

    private String commandOf(int pid, Candidate supervisor) {
        String command = supervisorCommands.get(pid);
        if (command == null) {
            command = supervisor.command().get();
            supervisorCommands.put(pid, command);
        }
        return command;
    }

    // Plain code rather than Optional's lambdas: it runs on every host with a container (see NativeAccess.loader).
    private static Optional<Container> container(String engine, Optional<String> id) {
        return id.isPresent() ? Optional.of(new Container(engine, id.get())) : Optional.empty();
    }

    /** @param containerdNamespace what a containerd shim's {@code -namespace} says */
    record Supervisor(int pid, Optional<String> containerdNamespace) {
    }

    private static String engineOfShim(String containerdNamespace) {
        return "moby".equals(containerdNamespace) ? "docker" : "containerd";
    }

    private static Optional<String> group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
