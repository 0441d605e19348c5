package dev.listns.it;

import dev.listns.testing.Workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real bubblewrap sandbox, as Flatpak and desktop programs make them: every namespace bwrap can
 * unshare (user, ipc, pid, net, uts, cgroup), the host's root read-only, and {@code sleep 600} inside.
 * bwrap forks twice: the outer bwrap stays on the host, a second one is PID 1 of the new PID
 * namespace, and {@code sleep} its child. Killed, with its descendants, when the sandbox closes.
 *
 * @param bwrapPid the host PID of the outer bwrap, the process the test started
 * @param sleepPid the host PID of the {@code sleep} inside
 * @param user     the user it runs as, or empty for root
 */
record BubblewrapSandbox(long bwrapPid, long sleepPid, Optional<Sandbox.User> user) {
    static final String COMMAND = "sleep 600";

    /** A sandbox of root's. */
    static BubblewrapSandbox asRoot(Sandbox sandbox) throws Exception {
        return start(sandbox, Optional.empty());
    }

    /** A sandbox of an unprivileged user's: bwrap (not setuid on Debian) needs a user namespace for it. */
    static BubblewrapSandbox asUser(Sandbox sandbox, Sandbox.User user) throws Exception {
        return start(sandbox, Optional.of(user));
    }

    private static BubblewrapSandbox start(Sandbox sandbox, Optional<Sandbox.User> user) throws Exception {
        Workloads.require("bwrap");
        String[] bwrap = {"bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev",
                "--proc", "/proc", "--chdir", "/", "--", "sleep", "600"};
        List<String> command = user.map(u -> u.runAs(bwrap)).orElseGet(() -> new ArrayList<>(List.of(bwrap)));
        // setpriv execs bwrap in place, so the started process is the outer bwrap either way.
        Sandbox.Started started = sandbox.start(command);
        ProcessHandle inner;
        try {
            inner = Sandbox.awaitChild(started.process(), "bwrap");
        } catch (AssertionError e) {
            if (!started.process().isAlive()) {
                Workloads.unavailable("bwrap cannot make a sandbox here: " + started.stderr().strip());
            }
            throw e;
        }
        long sleep = Sandbox.await("sleep inside bwrap " + started.process().pid(), Sandbox.START_TIMEOUT,
                () -> inner.children().filter(c -> "sleep".equals(Sandbox.comm(c.pid()))).findFirst()).pid();
        return new BubblewrapSandbox(started.process().pid(), sleep, user);
    }
}
