package dev.listns.scan;

import java.nio.file.Path;
import java.util.List;

/**
 * The holder discoveries a scan runs, in order: those that find namespaces first (the kernel's list
 * of mount namespaces before the bind mounts, so their tables are read in the first round), then
 * those that describe the namespaces found (hierarchy and kernel ids, netns ids), which need the
 * complete set; the check against the kernel's list of all namespaces needs the ids.
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
                new MountNamespaceList(),
                new BindMountDiscovery(mountTables),
                new HierarchyDiscovery(),
                new UnexplainedNamespaces(),
                new NetnsIdDiscovery());
    }
}
