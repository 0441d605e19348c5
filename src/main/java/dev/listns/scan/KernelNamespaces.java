package dev.listns.scan;

import dev.listns.model.NamespaceId;
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
    private volatile State ids = State.UNKNOWN;
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
     * NS_GET_ID on a checked nsfs descriptor; empty on kernels before 6.18. Thread-safe: the first
     * call probes while the others wait, and after a refusal no thread asks again.
     */
    OptionalLong namespaceId(ScanContext context, int nsFd) {
        if (ids == State.ABSENT) {
            return OptionalLong.empty();
        }
        Optional<KernelNamespaceSyscalls> sys = syscalls();
        if (sys.isEmpty()) {
            return OptionalLong.empty();
        }
        if (ids == State.UNKNOWN) {
            synchronized (this) {
                if (ids == State.UNKNOWN) {
                    return probeIds(context, sys.get(), nsFd);
                }
            }
            if (ids == State.ABSENT) {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(sys.get().namespaceId(nsFd));
        } catch (NativeException e) {
            return OptionalLong.empty(); // gone meanwhile
        }
    }

    private OptionalLong probeIds(ScanContext context, KernelNamespaceSyscalls sys, int nsFd) {
        try {
            long id = sys.namespaceId(nsFd);
            ids = State.PRESENT;
            context.note("namespace ids: NS_GET_ID");
            return OptionalLong.of(id);
        } catch (NativeException e) {
            if (isMissing(e)) {
                ids = State.ABSENT;
                context.note("namespace ids: not on this kernel (" + e.getMessage() + ")");
            }
            return OptionalLong.empty();
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
