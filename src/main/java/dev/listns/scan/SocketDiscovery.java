package dev.listns.scan;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.util.Optional;

/**
 * Sockets whose network namespace differs from their process's: a socket keeps the namespace it was
 * created in alive after every process has left it. The kernel tells a socket's namespace only to a
 * holder of the socket, so each is duplicated (pidfd_getfd) and asked (SIOCGSKNS).
 */
final class SocketDiscovery implements HolderDiscovery {

    @Override
    public String name() {
        return "sockets";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        if (!NativeSupport.possible()) {
            // The walk did not tell sockets apart (OpenFiles): said not looked for on any host.
            context.nativeSupport().require("socket holders");
            return;
        }
        Optional<NamespaceSyscalls> sys = Optional.empty();
        for (ProcessEntry process : context.processes().processes()) {
            OpenFiles.ProcessFiles files = process.files();
            if (files.sockets().isEmpty() && files.threadSockets().isEmpty()) {
                continue;
            }
            if (sys.isEmpty()) {
                sys = context.nativeSupport().require("socket holders");
                if (sys.isEmpty()) {
                    return;
                }
            }
            Optional<NamespaceId> own = process.links().own(NamespaceType.NET);
            for (int fd : files.sockets()) {
                report(context, model, sys.get(), NamespaceAccess.ofSocket(process.pid(), fd), own,
                        Holders.socket(fd, process.info()));
            }
            for (OpenFiles.ThreadSocket socket : files.threadSockets()) {
                report(context, model, sys.get(), NamespaceAccess.ofThreadSocket(socket.tid(), socket.fd()), own,
                        Holders.threadSocket(socket.tid(), socket.fd(), process.info()));
            }
        }
    }

    /** {@code holder} of the socket's network namespace, unless that is where its process is anyway. */
    private static void report(ScanContext context, ModelBuilder model, NamespaceSyscalls sys, NamespaceAccess.SocketAccess access,
            Optional<NamespaceId> own, Holder holder) {
        // Ifs, not an Optional chain: this runs for every socket, and each lambda is a class to spin at start-up.
        Optional<NamespaceId> id = networkNamespaceOf(sys, access);
        if (id.isPresent() && !id.equals(own)) {
            model.add(id.get(), holder);
            context.reachableVia(id.get(), access);
        }
    }

    /** The network namespace of the socket {@code access} leads to; empty for one gone meanwhile. */
    private static Optional<NamespaceId> networkNamespaceOf(NamespaceSyscalls sys, NamespaceAccess.SocketAccess access) {
        int netns = -1;
        try {
            netns = access.networkNamespace(sys);
            return Optional.of(new NamespaceId(NamespaceType.NET, sys.inode(netns)));
        } catch (NativeException e) {
            // gone meanwhile; not an inet/unix socket the kernel can answer for; or, for a thread's own
            // table, a kernel older than 6.9 (no pidfd for a single thread)
            return Optional.empty();
        } finally {
            sys.close(netns);
        }
    }
}
