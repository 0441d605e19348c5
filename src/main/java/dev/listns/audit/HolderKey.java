package dev.listns.audit;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.NamespaceId;
import dev.listns.model.ProcessInfo;

import java.util.Optional;

/**
 * What must be seen again in a later scan for a holder to count as the same holder. The kernel reuses
 * PIDs, fd numbers, mount ids and namespace inodes, so each key pairs the reused number with something
 * that changes on reuse: a PID with its process's start time, a mount id with its path.
 */
final class HolderKey {
    private HolderKey() {
    }

    /**
     * The key of a holder that proves on its own that its namespace lives on; empty for holders that
     * only point at another namespace (see {@link #reference}) and for bind mounts of unknown mount id,
     * which cannot prove anything.
     */
    static Optional<String> direct(Holder holder) {
        if (holder instanceof Holders.Member m) {
            return Optional.of("process " + process(m.info()));
        }
        if (holder instanceof Holders.Thread t) {
            return Optional.of("thread " + t.tid() + " of " + process(t.info()));
        }
        if (holder instanceof Holders.ForChildren f) {
            return Optional.of("for_children " + process(f.info()));
        }
        if (holder instanceof Holders.ThreadForChildren f) {
            return Optional.of("for_children of thread " + f.tid() + " of " + process(f.info()));
        }
        if (holder instanceof Holders.Fd f) {
            return Optional.of("fd " + f.fd() + " of " + process(f.info()));
        }
        if (holder instanceof Holders.ThreadFd f) {
            return Optional.of("fd " + f.fd() + " of thread " + f.tid() + " of " + process(f.info()));
        }
        if (holder instanceof Holders.Socket s) {
            return Optional.of("socket " + s.fd() + " of " + process(s.info()));
        }
        if (holder instanceof Holders.ThreadSocket s) {
            return Optional.of("socket " + s.fd() + " of thread " + s.tid() + " of " + process(s.info()));
        }
        if (holder instanceof Holders.BindMount b && b.mountId() >= 0) {
            return Optional.of("bind_mount " + b.mountId() + " " + b.path());
        }
        return Optional.empty();
    }

    /**
     * For a holder that is another namespace (a child, or a namespace owned by a user namespace): its
     * kind and the referenced namespace. It proves continuity only if that namespace itself continues.
     */
    static Optional<Reference> reference(Holder holder) {
        if (holder instanceof Holders.ParentOf p) {
            return Optional.of(new Reference("child", p.child()));
        }
        if (holder instanceof Holders.OwnerOf o) {
            return Optional.of(new Reference("owned", o.owned()));
        }
        return Optional.empty();
    }

    record Reference(String relation, NamespaceId target) {
    }

    private static String process(ProcessInfo p) {
        return p.pid() + "@" + p.startTime();
    }
}
