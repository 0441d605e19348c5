package dev.listns.scan;

import dev.listns.model.NamespaceId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nsfs mounts of mount namespaces whose table listns cannot read through a member's
 * /proc/PID/mountinfo: those with no process, and those whose every process is chrooted (a chrooted
 * reader's mountinfo hides what lies outside its root). Everything in such a namespace may belong to
 * another user, so implementations never run a program there and never resolve a path through its
 * /proc or root; {@link KernelMountTables} is the real one, tests use a fake.
 */
interface ForeignMountTables {

    /**
     * The nsfs mounts of {@code mountNs}, reached through the access the scan has for it.
     *
     * @return empty when the table cannot be read (the reason is noted in the scan or its unavailable list)
     */
    Optional<List<MountInfo.Mount>> nsfsMounts(ScanContext context, NamespaceId mountNs);

    /**
     * Ways to reach the namespaces bound at {@code mounts}, nsfs mounts of {@code mountNs}, for the
     * hierarchy's and the netns ids' queries and for the tables of mount namespaces bound there.
     *
     * @return an entry for each mount whose namespace could be reached and checked; possibly none
     */
    Map<MountInfo.Mount, NamespaceAccess> reach(ScanContext context, NamespaceId mountNs, List<MountInfo.Mount> mounts);
}
