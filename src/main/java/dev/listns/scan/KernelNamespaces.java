package dev.listns.scan;

import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.KernelNamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The kernel's own answers about namespaces, for one scan: what {@link KernelNamespaceSyscalls} can
 * do on this kernel is learnt from the first call of each kind and never asked again, so an older
 * kernel costs one failed call per feature. Also remembers which namespaces only the kernel's lists
 * revealed, which must still be explained by a holder (see {@link UnexplainedNamespaces}).
 */
final class KernelNamespaces {
    /** What a kernel without a call or ioctl answers; see {@link #isMissing}. */
    private enum State { UNKNOWN, PRESENT, ABSENT }

    private final Supplier<Optional<KernelNamespaceSyscalls>> loader;
    private Optional<KernelNamespaceSyscalls> loaded;
    private final Probe ids = new Probe("namespace ids", "NS_GET_ID", false);
    private final Probe mountIds = new Probe("mount namespace ids", "NS_GET_MNTNS_ID", true);
    private final Set<NamespaceId> foundByKernel = new HashSet<>();

    KernelNamespaces(Supplier<Optional<KernelNamespaceSyscalls>> loader) {
        this.loader = loader;
    }

    /** None of it: for scans of a tree other than the host's own /proc, and for tests. */
    static KernelNamespaces none() {
        return new KernelNamespaces(Optional::empty);
    }

    /** The calls, loaded on first use; empty on Java before 22, or for a scan that must not use them. */
    synchronized Optional<KernelNamespaceSyscalls> syscalls() {
        if (loaded == null) {
            loaded = loader.get();
        }
        return loaded;
    }

    /**
     * The kernel's id of the namespace behind a checked nsfs descriptor: NS_GET_ID (Linux 6.18); for a
     * mount namespace on Linux 6.11 to 6.17, NS_GET_MNTNS_ID, the same number (from 6.18 the kernel
     * answers both from one field). Empty on older kernels. Thread-safe.
     */
    OptionalLong namespaceId(ScanContext context, int nsFd, NamespaceType type) {
        Optional<KernelNamespaceSyscalls> sys = syscalls();
        if (sys.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong id = ids.ask(context, sys.get(), nsFd);
        if (id.isEmpty() && ids.absent() && type == NamespaceType.MNT) {
            id = mountIds.ask(context, sys.get(), nsFd);
        }
        return id;
    }

    /**
     * One kind of id, probed by its first call: the first caller probes while the others wait, and
     * after a kernel says it has no such call no thread asks again. Which ioctl is a flag rather than a
     * lambda: a lambda is a class the JVM spins at start-up, and this runs for every namespace.
     */
    private static final class Probe {
        private final String what;
        private final String call;
        private final boolean mountNamespaceId;
        private volatile State state = State.UNKNOWN;

        /** @param mountNamespaceId asks NS_GET_MNTNS_ID rather than NS_GET_ID */
        Probe(String what, String call, boolean mountNamespaceId) {
            this.what = what;
            this.call = call;
            this.mountNamespaceId = mountNamespaceId;
        }

        private long call(KernelNamespaceSyscalls sys, int nsFd) throws NativeException {
            return mountNamespaceId ? sys.mountNamespaceId(nsFd) : sys.namespaceId(nsFd);
        }

        boolean absent() {
            return state == State.ABSENT;
        }

        OptionalLong ask(ScanContext context, KernelNamespaceSyscalls sys, int nsFd) {
            if (state == State.ABSENT) {
                return OptionalLong.empty();
            }
            if (state == State.UNKNOWN) {
                synchronized (this) {
                    if (state == State.UNKNOWN) {
                        return probe(context, sys, nsFd);
                    }
                }
                if (state == State.ABSENT) {
                    return OptionalLong.empty();
                }
            }
            try {
                return OptionalLong.of(call(sys, nsFd));
            } catch (NativeException e) {
                return OptionalLong.empty(); // gone meanwhile
            }
        }

        private OptionalLong probe(ScanContext context, KernelNamespaceSyscalls sys, int nsFd) {
            try {
                long answer = call(sys, nsFd);
                state = State.PRESENT;
                context.note(what + ": " + call);
                return OptionalLong.of(answer);
            } catch (NativeException e) {
                if (isMissing(e)) {
                    state = State.ABSENT;
                    context.note(what + ": not on this kernel (" + e.getMessage() + ")");
                }
                return OptionalLong.empty();
            }
        }
    }

    /** Records that only a list of the kernel's led to {@code id}: it needs a holder found, or is unexplained. */
    synchronized void foundByKernel(NamespaceId id) {
        foundByKernel.add(id);
    }

    synchronized Set<NamespaceId> foundByKernel() {
        return Set.copyOf(foundByKernel);
    }

    /**
     * The errors of a kernel without the call or ioctl: ENOSYS, ENOTTY and EINVAL (an nsfs ioctl it does
     * not know); and EPERM, which a seccomp filter that does not know the call yet answers.
     */
    static boolean isMissing(NativeException e) {
        return e.errno() == NativeException.ENOSYS || e.errno() == NativeException.ENOTTY
                || e.errno() == NativeException.EINVAL || e.errno() == NativeException.EPERM;
    }
}
