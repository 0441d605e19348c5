package dev.listns.scan;

import java.nio.file.Path;
import java.util.List;

/**
 * The holder discoveries a scan runs, in order: those that find namespaces first, then those that
 * describe the namespaces found (hierarchy, ids), which need the complete set.
 */
final class Discoveries {
    private Discoveries() {
    }

    static List<HolderDiscovery> standard(List<Path> netnsDirs, ForeignMountTables mountTables) {
        return List.of(
                new MemberDiscovery(),
                new ThreadDiscovery(),
                new NamedNetnsDiscovery(netnsDirs),
                new FdDiscovery(),
                new SocketDiscovery(),
                new BindMountDiscovery(mountTables),
                new HierarchyDiscovery(),
                new NetnsIdDiscovery());
    }
}
