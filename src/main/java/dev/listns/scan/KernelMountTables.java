package dev.listns.scan;

import dev.listns.model.NamespaceId;
import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.MountSyscalls;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads other mount namespaces' tables the way the kernel allows, probed once per scan: listmount(2)
 * and statmount(2) from outside (Linux 6.11 and later, where a foreign namespace can be named by its
 * id), else a thread that enters the namespace (see {@code FfmMountSyscalls}). Both need Java 22; on
 * older Java these tables are not read, and the scan's unavailable list says so.
 */
final class KernelMountTables implements ForeignMountTables {
    /** What Java 17 to 21 cannot look for, as the one line of what was not looked for names it. */
    static final String UNAVAILABLE = "bind mounts in mount namespaces that no unchrooted process is in";
    /** The kernel's default fs.mount-max: no namespace has more mounts unless root raised the limit. */
    static final int MAX_MOUNTS = 100_000;
    /** A thread inside a namespace may wait on a filesystem that hangs (FUSE); it is given up after this. */
    static final Duration ENTER_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<Optional<MountSyscalls>> loader;
    private final boolean enterOnly;
    private Optional<MountSyscalls> loaded;
    /** Null until the first table is read; then whether listmount works on this kernel. */
    private Boolean listmount;

    /**
     * @param enterOnly never use listmount: lets tests run the path of kernels before 6.11 on any kernel
     */
    KernelMountTables(Supplier<Optional<MountSyscalls>> loader, boolean enterOnly) {
        this.loader = loader;
        this.enterOnly = enterOnly;
    }

    @Override
    public Optional<List<MountInfo.Mount>> nsfsMounts(ScanContext context, NamespaceId mountNs) {
        Optional<NamespaceSyscalls> ns = context.nativeSupport().require(UNAVAILABLE);
        Optional<MountSyscalls> mounts = mounts();
        if (ns.isEmpty() || mounts.isEmpty()) {
            return Optional.empty();
        }
        int fd = -1;
        try {
            fd = context.open(ns.get(), mountNs);
            if (!enterOnly && !Boolean.FALSE.equals(listmount)) {
                try {
                    List<MountInfo.Mount> found = viaListmount(mounts.get(), fd);
                    noteWay(context, true, null);
                    return Optional.of(found);
                } catch (NativeException e) {
                    if (listmount != null || !isMissingFeature(e)) {
                        throw e;
                    }
                    noteWay(context, false, e);
                }
            } else if (listmount == null) {
                noteWay(context, false, null);
            }
            MountSyscalls.Entered entered = mounts.get().enter(fd, ProcFs.READ_LIMIT, List.of(), ENTER_TIMEOUT);
            return Optional.of(MountInfo.nsfsMounts(entered.mountInfo()));
        } catch (NativeException e) {
            context.note("could not read the mount table of " + mountNs + ": " + e.getMessage());
            return Optional.empty();
        } finally {
            ns.get().close(fd);
        }
    }

    @Override
    public Map<MountInfo.Mount, NamespaceAccess> reach(ScanContext context, NamespaceId mountNs,
            List<MountInfo.Mount> mounts) {
        Optional<NamespaceSyscalls> ns = context.nativeSupport().require(UNAVAILABLE);
        Optional<MountSyscalls> sys = mounts();
        Optional<Long> nsfs = context.nsfsDevice();
        if (mounts.isEmpty() || ns.isEmpty() || sys.isEmpty() || nsfs.isEmpty()) {
            return Map.of();
        }
        List<String> points = mounts.stream().map(MountInfo.Mount::mountPoint).toList();
        int fd = -1;
        MountSyscalls.Entered entered;
        try {
            fd = context.open(ns.get(), mountNs);
            entered = sys.get().enter(fd, 0, points, ENTER_TIMEOUT);
        } catch (NativeException e) {
            context.note("could not open the bind mounts in " + mountNs + ": " + e.getMessage());
            return Map.of();
        } finally {
            ns.get().close(fd);
        }
        Map<MountInfo.Mount, NamespaceAccess> reached = new HashMap<>();
        for (int i = 0; i < mounts.size(); i++) {
            int pathFd = entered.pathFds()[i];
            MountInfo.Mount mount = mounts.get(i);
            if (pathFd >= 0 && binds(ns.get(), pathFd, nsfs.get(), mount)) {
                reached.put(mount, new NamespaceAccess.OwnDescriptor(pathFd));
                context.closeAtEnd(() -> sys.get().close(pathFd));
            } else if (pathFd >= 0) {
                sys.get().close(pathFd);
            }
        }
        return reached;
    }

    /** Whether the O_PATH descriptor taken at {@code mount}'s mount point is the namespace the table says is bound there. */
    private static boolean binds(NamespaceSyscalls ns, int pathFd, long nsfsDevice, MountInfo.Mount mount) {
        Optional<NamespaceId> bound = NamespaceId.parse(mount.root());
        try {
            FileStatus status = ns.status(pathFd);
            return bound.isPresent() && status.device() == nsfsDevice && status.inode() == bound.get().inode();
        } catch (NativeException e) {
            return false;
        }
    }

    private static List<MountInfo.Mount> viaListmount(MountSyscalls sys, int mntNsFd) throws NativeException {
        long id = sys.mountNamespaceId(mntNsFd);
        List<MountInfo.Mount> found = new ArrayList<>();
        for (long mount : sys.listMounts(id, MAX_MOUNTS)) {
            try {
                Optional<MountInfo.Mount> decoded = StatmountRecord.decode(sys.statMount(id, mount));
                if (decoded.isPresent() && decoded.get().isNamespace()) {
                    found.add(decoded.get()); // no lambdas here: each is a class the JVM spins first
                }
            } catch (NativeException e) {
                if (!e.isVanished()) {
                    throw e;
                }
                // unmounted since it was listed
            }
        }
        return found;
    }

    /**
     * The errors a kernel gives for a call or ioctl it does not have, or a request version it does not
     * know; and EPERM, which a seccomp filter that does not know the call yet answers (systemd's
     * {@code @system-service} before listmount existed).
     */
    private static boolean isMissingFeature(NativeException e) {
        return e.errno() == NativeException.ENOSYS || e.errno() == NativeException.ENOTTY
                || e.errno() == NativeException.EINVAL || e.errno() == NativeException.E2BIG
                || e.errno() == NativeException.EPERM;
    }

    /** Decides, once, which way this scan reads tables, and says so for --verbose. */
    private void noteWay(ScanContext context, boolean viaListmount, NativeException why) {
        if (listmount != null) {
            return;
        }
        listmount = viaListmount;
        context.note("mount tables of other mount namespaces: " + (viaListmount ? "listmount(2) and statmount(2)"
                : "read by a thread inside each" + (why != null ? " (listmount: " + why.getMessage() + ")"
                : enterOnly ? " (listmount not tried)" : "")));
    }

    private synchronized Optional<MountSyscalls> mounts() {
        if (loaded == null) {
            loaded = loader.get();
        }
        return loaded;
    }
}
