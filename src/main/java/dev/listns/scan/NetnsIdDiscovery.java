package dev.listns.scan;

import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.Unavailable;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.util.Optional;
import java.util.OptionalInt;

/** The NETNSID of each network namespace as listns's own namespace knows it (rtnetlink RTM_GETNSID), as lsns shows it. */
final class NetnsIdDiscovery implements HolderDiscovery {

    @Override
    public String name() {
        return "netnsid";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        Optional<NamespaceSyscalls> sys = Optional.empty();
        for (NamespaceId id : model.ids(NamespaceType.NET)) {
            Optional<NamespaceAccess> access = context.access(id);
            if (access.isEmpty()) {
                continue;
            }
            if (sys.isEmpty()) {
                sys = context.nativeSupport().require(Unavailable.NETWORK_NAMESPACE_IDS);
                if (sys.isEmpty()) {
                    return;
                }
            }
            int fd = -1;
            try {
                fd = context.open(sys.get(), id);
                OptionalInt nsid = sys.get().netnsId(fd); // no lambda: each is a class to spin at start-up
                if (nsid.isPresent()) {
                    model.netnsId(id, nsid.getAsInt());
                }
            } catch (NativeException e) {
                // gone meanwhile: no id to show
            } finally {
                sys.get().close(fd);
            }
        }
    }
}
