package dev.listns.scan;

import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.KernelNamespaceSyscalls;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.util.Optional;

/**
 * Every mount namespace on the system, from the kernel's own list of them (NS_MNT_GET_NEXT and
 * NS_MNT_GET_PREV, Linux 6.12): from any mount namespace listns can open, the list is walked both
 * ways, one ioctl per namespace. A namespace that nothing found so far is added with the descriptor
 * the kernel gave for it, kept open for the scan, so {@link BindMountDiscovery} reads its table like
 * the others; if no holder turns up for it by the end, {@link UnexplainedNamespaces} says so.
 *
 * <p>Runs before the bind mounts are read, so their rounds start from every mount namespace at once.
 * Where the kernel lacks the ioctls, or refuses them (a caller without CAP_SYS_ADMIN), nothing changes:
 * mount namespaces are found round by round, as on older kernels.
 */
final class MountNamespaceList implements HolderDiscovery {

    @Override
    public String name() {
        return "mount-namespace-list";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        Optional<KernelNamespaceSyscalls> kernel = context.kernel().syscalls();
        if (kernel.isEmpty()) {
            return; // Java before 22: nothing is added to what was not looked for, the bind mounts say it
        }
        Optional<NamespaceSyscalls> ns = context.nativeSupport().require(KernelMountTables.UNAVAILABLE);
        Optional<Long> nsfs = context.nsfsDevice();
        NamespaceId start = start(context, model);
        if (ns.isEmpty() || nsfs.isEmpty() || start == null) {
            return;
        }
        int from;
        try {
            from = context.open(ns.get(), start);
        } catch (NativeException e) {
            return; // gone meanwhile: the rounds of the bind mount discovery find what they can
        }
        Walk walk = new Walk(context, model, kernel.get(), ns.get(), nsfs.get());
        try {
            walk.run(from, false);
            if (walk.refused == null) {
                walk.run(from, true);
            }
        } finally {
            ns.get().close(from);
        }
        if (walk.refused != null) {
            context.note("every mount namespace: " + (KernelNamespaces.isMissing(walk.refused)
                    && walk.refused.errno() != NativeException.EPERM ? "not on this kernel" : "not permitted")
                    + " (" + walk.refused.getMessage() + "); found through what holds them instead");
        } else {
            context.note("every mount namespace: NS_MNT_GET_NEXT listed " + (walk.listed + 1) + ", "
                    + walk.foundOnlyHere + " of them found no other way");
        }
    }

    /**
     * Where the walk starts: listns's own mount namespace, else the first reachable one; null if none is.
     * A loop, not an Optional chain: this runs on every start, where each lambda is a class the JVM spins.
     */
    private static NamespaceId start(ScanContext context, ModelBuilder model) {
        Optional<NamespaceId> own = context.ownMountNamespace();
        if (own.isPresent() && context.isReachable(own.get())) {
            return own.get();
        }
        for (NamespaceId id : model.ids(NamespaceType.MNT)) {
            if (context.isReachable(id)) {
                return id;
            }
        }
        return null;
    }

    /** One walk along the kernel's list; the first failed step of the whole discovery decides whether the list is there. */
    private static final class Walk {
        private final ScanContext context;
        private final ModelBuilder model;
        private final KernelNamespaceSyscalls kernel;
        private final NamespaceSyscalls ns;
        private final long nsfsDevice;
        int calls;
        int listed;
        int foundOnlyHere;
        /** Why the very first step failed, when the kernel lacks or refuses the ioctl. */
        NativeException refused;

        Walk(ScanContext context, ModelBuilder model, KernelNamespaceSyscalls kernel, NamespaceSyscalls ns,
                long nsfsDevice) {
            this.context = context;
            this.model = model;
            this.kernel = kernel;
            this.ns = ns;
            this.nsfsDevice = nsfsDevice;
        }

        /** Steps from {@code from} (not closed here) until the end of the list. */
        void run(int from, boolean previous) {
            int current = from;
            while (true) {
                int next;
                boolean first = calls++ == 0;
                try {
                    next = kernel.nextMountNamespace(current, previous);
                } catch (NativeException e) {
                    if (first && KernelNamespaces.isMissing(e)) {
                        refused = e;
                    } else if (e.errno() != NativeException.ENOENT) {
                        context.note("the kernel's list of mount namespaces ended early: " + e.getMessage());
                    }
                    break;
                } finally {
                    if (current != from) {
                        release(current);
                    }
                }
                listed++;
                current = next;
            }
        }

        /** Keeps {@code fd} as the way to a namespace nothing else reaches; closes it otherwise. */
        private void release(int fd) {
            Optional<NamespaceId> id = namespace(fd);
            if (id.isPresent() && !context.isReachable(id.get())) {
                if (model.ensure(id.get())) {
                    foundOnlyHere++;
                    context.kernel().foundByKernel(id.get());
                }
                context.reachableVia(id.get(), new NamespaceAccess.OwnDescriptor(fd));
                context.closeAtEnd(() -> ns.close(fd));
            } else {
                ns.close(fd);
            }
        }

        /** The mount namespace behind a descriptor the kernel just gave, checked to be one on nsfs. */
        private Optional<NamespaceId> namespace(int fd) {
            try {
                FileStatus status = ns.status(fd);
                return status.device() == nsfsDevice ? Optional.of(new NamespaceId(NamespaceType.MNT, status.inode()))
                        : Optional.empty();
            } catch (NativeException e) {
                return Optional.empty();
            }
        }
    }
}
