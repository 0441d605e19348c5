package dev.listns.scan;

import dev.listns.model.Unavailable;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeAccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Native namespace calls, loaded once per scan. When they are missing, each discovery that wanted them
 * is named once in the scan's "unavailable" list.
 */
public final class NativeSupport {
    private final Supplier<Optional<NamespaceSyscalls>> loader;
    private Optional<NamespaceSyscalls> loaded;
    private final List<String> unavailable = new ArrayList<>();

    /** Loads on first use. */
    public NativeSupport(Supplier<Optional<NamespaceSyscalls>> loader) {
        this.loader = loader;
    }

    /**
     * Whether this JVM can have the native calls at all (Java 22+): where it cannot, what only they could
     * tell is not even gathered (which descriptors are sockets), and is named as not looked for.
     */
    public static boolean possible() {
        return NativeAccess.supported();
    }

    /** The syscalls, or empty after recording that {@code whatFor} (e.g. "socket holders") was not looked for. */
    public synchronized Optional<NamespaceSyscalls> require(String whatFor) {
        if (loaded == null) {
            loaded = loader.get();
        }
        if (loaded.isEmpty() && !unavailable.contains(whatFor)) {
            unavailable.add(whatFor);
        }
        return loaded;
    }

    /** What could not be looked for because native access is missing, and why. */
    public synchronized Unavailable unavailable() {
        if (unavailable.isEmpty()) {
            return Unavailable.NONE;
        }
        return new Unavailable(unavailable, NativeAccess.supported() ? "native access could not be loaded"
                : "needs Java " + NativeAccess.REQUIRED_JAVA + " or later");
    }
}
