package dev.listns.scan;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.KernelNamespaceSyscalls;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks what listns found against what the kernel says is alive. Namespaces that only a list of the
 * kernel's revealed (see {@link MountNamespaceList}) and that no discovery found a holder for get a
 * {@link Holders.Kernel} holder: they are alive, and listns says plainly that it cannot tell why.
 *
 * <p>Where the kernel has listns(2) (Linux 6.19), every active namespace it lists must be explained: an
 * id that no namespace found has is opened through an nsfs file handle (open_by_handle_at, which
 * resolves no path), to learn its type and inode, and reported the same way. Runs after the hierarchy,
 * which asked every namespace listns can open for its id. Without listns(2) nothing is said about it.
 */
final class UnexplainedNamespaces implements HolderDiscovery {
    /** Ids asked for per listns(2) call: a host with thousands of namespaces needs a few calls. */
    static final int PAGE = 256;

    @Override
    public String name() {
        return "kernel-list";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        for (NamespaceId id : context.kernel().foundByKernel()) {
            explain(model, id);
        }
        Optional<KernelNamespaceSyscalls> kernel = context.kernel().syscalls();
        if (kernel.isEmpty()) {
            return; // Java before 22, or not the host's /proc: nothing to check against
        }
        Optional<NamespaceSyscalls> ns = context.nativeSupport().require(KernelMountTables.UNAVAILABLE);
        // Here and in explain, ifs and loops where lambdas would do: this runs on every start (Java 22 and
        // later), where each lambda is a class the JVM spins first.
        if (ns.isPresent()) {
            Optional<List<Long>> ids = listed(context, kernel.get());
            if (ids.isPresent()) {
                check(context, model, kernel.get(), ns.get(), ids.get());
            }
        }
    }

    /** Every id listns(2) lists, in pages; empty without listns(2) (nothing noted then) or when it failed. */
    private static Optional<List<Long>> listed(ScanContext context, KernelNamespaceSyscalls kernel) {
        List<Long> ids = new ArrayList<>();
        long[] page = new long[PAGE];
        long after = 0;
        while (true) {
            int n;
            try {
                n = kernel.listNamespaces(after, page);
            } catch (NativeException e) {
                if (e.errno() == NativeException.ENOENT) {
                    return Optional.of(ids); // the end of the list
                }
                if (!ids.isEmpty() || !KernelNamespaces.isMissing(e)) {
                    context.note("listns(2) failed: " + e.getMessage());
                }
                return Optional.empty();
            }
            for (int i = 0; i < n; i++) {
                ids.add(page[i]);
            }
            if (n < page.length) {
                return Optional.of(ids);
            }
            after = page[n - 1];
        }
    }

    private static void check(ScanContext context, ModelBuilder model, KernelNamespaceSyscalls kernel,
            NamespaceSyscalls ns, List<Long> ids) {
        int unexplained = 0;
        int unopened = 0;
        for (long id : ids) {
            Optional<NamespaceId> known = model.byNsId(id);
            if (known.isEmpty()) {
                try {
                    known = open(context, model, kernel, ns, id);
                } catch (NativeException e) {
                    if (e.errno() != NativeException.ENOENT && e.errno() != NativeException.ESTALE) {
                        unopened++; // not permitted: nothing to report it by
                    }
                    continue; // gone since it was listed
                }
            }
            if (known.isPresent() && explain(model, known.get())) {
                unexplained++;
            }
        }
        context.note("listns(2): the kernel listed " + ids.size() + " namespaces; "
                + (unexplained == 0 ? "all explained by holders listns found"
                        : unexplained + " not explained by any holder listns found (shown as held by the kernel)")
                + (unopened == 0 ? "" : "; " + unopened + " could not be opened by id"));
    }

    /**
     * The namespace with kernel id {@code id}, opened by nsfs file handle and checked to be on nsfs; its
     * descriptor is kept for the scan when nothing else reaches it.
     */
    private static Optional<NamespaceId> open(ScanContext context, ModelBuilder model, KernelNamespaceSyscalls kernel,
            NamespaceSyscalls ns, long id) throws NativeException {
        Optional<Long> nsfs = context.nsfsDevice();
        if (nsfs.isEmpty()) {
            return Optional.empty();
        }
        int fd = kernel.openById(id, 0, 0);
        try {
            FileStatus status = ns.status(fd);
            Optional<NamespaceType> type = NamespaceType.fromCloneFlag(ns.namespaceType(fd));
            if (status.device() != nsfs.get() || type.isEmpty()) {
                return Optional.empty();
            }
            NamespaceId found = new NamespaceId(type.get(), status.inode());
            model.nsId(found, id);
            if (!context.isReachable(found)) {
                context.reachableVia(found, new NamespaceAccess.OwnDescriptor(fd));
                int kept = fd;
                context.closeAtEnd(() -> ns.close(kept));
                fd = -1;
            }
            return Optional.of(found);
        } finally {
            ns.close(fd);
        }
    }

    /** Gives {@code id} the kernel as holder if nothing else holds it; answers whether it had to. */
    private static boolean explain(ModelBuilder model, NamespaceId id) {
        if (model.isHeld(id)) {
            for (Holder holder : model.holders(id)) {
                if (holder instanceof Holders.Kernel) {
                    return true;
                }
            }
            return false;
        }
        model.add(id, new Holders.Kernel());
        return true;
    }
}
