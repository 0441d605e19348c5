package dev.listns.scan;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The namer of one walk, made at most once, and made early: as soon as the walk sees a sign of a
 * container (an engine's supervisor, a cgroup that names an engine), the namer is made and prepared
 * on a thread of its own, so that loading what reads the engines' files (a JSON parser: tens of
 * milliseconds of class loading) overlaps the rest of the walk. A walk that sees no such sign makes
 * nothing at all, unless it still finds a container in the end.
 */
final class EarlyNamer {
    private final Supplier<ContainerNamer> factory;
    private final AtomicBoolean started = new AtomicBoolean();
    private ContainerNamer namer;

    EarlyNamer(Supplier<ContainerNamer> factory) {
        this.factory = factory;
    }

    /** Whether a process with this comm, and this cgroup (empty when not read), hints at a container. */
    static boolean hintsAtContainer(String comm, String cgroup) {
        return comm.equals("conmon") || comm.startsWith("containerd-shim") || CgroupContainerMatcher.mentionsAnEngine(cgroup);
    }

    /** Makes and prepares the namer in the background, once; safe from any walking thread. */
    void prepareInBackground() {
        if (started.compareAndSet(false, true)) {
            Thread thread = new Thread(new Preparing(this), "listns-container-namer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A class, not a lambda: see NativeAccess.loader. */
    private record Preparing(EarlyNamer namer) implements Runnable {
        @Override
        public void run() {
            namer.get().prepare();
        }
    }

    synchronized ContainerNamer get() {
        if (namer == null) {
            namer = factory.get();
        }
        return namer;
    }
}
