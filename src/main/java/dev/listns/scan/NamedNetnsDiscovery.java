package dev.listns.scan;

import dev.listns.nativeaccess.FileStatus;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Names of network namespaces given by {@code ip netns add}: nsfs bind mounts in the netns
 * directories. Only a file on nsfs counts; a stale plain file left behind there is not a namespace.
 */
final class NamedNetnsDiscovery implements HolderDiscovery {
    private final List<Path> directories;

    NamedNetnsDiscovery(List<Path> directories) {
        this.directories = directories;
    }

    @Override
    public String name() {
        return "named-netns";
    }

    @Override
    public void discover(ScanContext context, ModelBuilder model) {
        Optional<Long> nsfs = context.nsfsDevice();
        if (nsfs.isEmpty()) {
            return;
        }
        for (Path directory : distinct(directories)) {
            for (Path file : context.proc().entries(directory)) {
                String name = file.getFileName().toString();
                Optional<FileStatus> key = context.proc().stat(file).filter(k -> k.device() == nsfs.get());
                if (key.isPresent()) {
                    NamespaceId id = new NamespaceId(NamespaceType.NET, key.get().inode());
                    // The bind mount itself is a holder that BindMountDiscovery reports from the mount table.
                    model.name(id, name);
                    context.reachableVia(id, NamespaceAccess.ofPath(file));
                }
            }
        }
    }

    /** /var/run/netns and /run/netns are one directory on most hosts: read it once, by its real path. */
    private static Set<Path> distinct(List<Path> directories) {
        Set<Path> real = new LinkedHashSet<>();
        for (Path directory : directories) {
            try {
                real.add(directory.toRealPath());
            } catch (IOException e) {
                // Absent: nobody ran "ip netns add" on this host.
            }
        }
        return real;
    }
}
