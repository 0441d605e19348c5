package dev.listns.scan;

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
        Optional<NamespaceSyscalls> sys = Optional.empty();
        for (ProcessEntry process : context.processes().processes()) {
            for (int fd : process.files().sockets()) {
                if (sys.isEmpty()) {
                    sys = context.nativeSupport().require("socket holders");
                    if (sys.isEmpty()) {
                        return;
                    }
                }
                Optional<NamespaceId> own = process.links().own(NamespaceType.NET);
                networkNamespaceOf(sys.get(), process.pid(), fd)
                        .filter(id -> !Optional.of(id).equals(own))
                        .ifPresent(id -> {
                            model.add(id, new Holders.Socket(fd, process.info()));
                            context.reachableVia(id, NamespaceAccess.ofSocket(process.pid(), fd));
                        });
            }
        }
    }

    private static Optional<NamespaceId> networkNamespaceOf(NamespaceSyscalls sys, int pid, int fd) {
        int socket = -1;
        int netns = -1;
        try {
            socket = sys.duplicateFrom(pid, fd);
            netns = sys.socketNetworkNamespace(socket);
            return Optional.of(new NamespaceId(NamespaceType.NET, sys.inode(netns)));
        } catch (NativeException e) {
            return Optional.empty(); // gone meanwhile, or not an inet/unix socket the kernel can answer for
        } finally {
            sys.close(netns);
            sys.close(socket);
        }
    }
}
