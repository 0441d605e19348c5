package dev.listns.scan;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.util.Optional;

/**
 * Open descriptors on nsfs files. One opened through a bind-mount path shows only its inode; its
 * type is learnt from another holder of the same inode, or else by asking the kernel (NS_GET_NSTYPE).
 */
final class FdDiscovery implements HolderDiscovery {

    @Override
    public String name() {
        return "fds";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        for (ProcessEntry process : context.processes().processes()) {
            for (OpenFiles.NamespaceFd open : process.files().namespaces()) {
                Holder holder = open.tid() == 0 ? Holders.fd(open.fd(), process.info())
                        : Holders.threadFd(open.tid(), open.fd(), process.info());
                // pidfd_getfd reaches only the process's table; a thread's own table is reached by path,
                // through O_PATH and a check before it is opened for real (see NamespaceAccess).
                NamespaceAccess access = open.tid() == 0 ? NamespaceAccess.ofDescriptor(process.pid(), open.fd())
                        : NamespaceAccess.ofPath(context.proc().pidDir(process.pid()).resolve("task")
                                .resolve(Integer.toString(open.tid())).resolve("fd").resolve(Integer.toString(open.fd())));
                // Ifs, not an Optional chain: for each nsfs fd, and each lambda is a class to spin at start-up.
                Optional<NamespaceId> id = open.id();
                if (id.isEmpty()) {
                    id = model.byInode(open.inode());
                }
                if (id.isEmpty()) {
                    id = typeFromKernel(context, access, open.inode());
                }
                if (id.isPresent()) {
                    model.add(id.get(), holder);
                    context.reachableVia(id.get(), access);
                } else {
                    model.addByInode(open.inode(), holder);
                }
            }
        }
    }

    private static Optional<NamespaceId> typeFromKernel(ScanContext context, NamespaceAccess access, long inode) {
        Optional<NamespaceSyscalls> sys = context.nativeSupport().require("the type of namespaces held only by an fd opened by path");
        if (sys.isEmpty()) {
            return Optional.empty();
        }
        int fd = -1;
        try {
            fd = context.open(sys.get(), access, inode);
            return NamespaceType.fromCloneFlag(sys.get().namespaceType(fd)).map(type -> new NamespaceId(type, inode));
        } catch (NativeException e) {
            return Optional.empty();
        } finally {
            sys.get().close(fd);
        }
    }
}
