package dev.listns.nativeaccess;

import dev.listns.debug.DebugLog;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Loads the {@code java.lang.foreign} implementations only on a JVM that has them (22+), so the core
 * keeps running on Java 17, where /proc is read through the JDK's file API instead. Nothing is linked
 * until a scan asks; a scan of the host then links on a thread of its own while it starts walking.
 *
 * <p>The Java 22 classes sit in the jar unversioned and are found by name, not in a multi-release
 * layout ({@code META-INF/versions/22}): they are new public classes with no Java 17 counterpart,
 * which a multi-release jar is not meant to hold ({@code jar --validate} refuses public classes that
 * exist only in a versioned directory), and the unit tests and the build's own tools run from
 * {@code target/classes}, which no JVM reads as multi-release. A Java 17 JVM never loads them: the
 * version check below comes first.
 */
public final class NativeAccess {
    /** The first Java release where java.lang.foreign is final. */
    public static final int REQUIRED_JAVA = 22;
    private static final String NAMESPACES = "dev.listns.nativeaccess.ffm.FfmNamespaceSyscalls";
    private static final String FILES = "dev.listns.nativeaccess.ffm.FfmFileSyscalls";
    private static final String MOUNTS = "dev.listns.nativeaccess.ffm.FfmMountSyscalls";
    private static final String KERNEL = "dev.listns.nativeaccess.ffm.FfmKernelNamespaceSyscalls";
    private static final String UNTRUSTED_FILES = "dev.listns.nativeaccess.ffm.FfmUntrustedFileSyscalls";

    private NativeAccess() {
    }

    public static boolean supported() {
        return Runtime.version().feature() >= REQUIRED_JAVA;
    }

    /** The native namespace calls, or empty when this JVM is too old or the linker is unavailable. */
    public static Optional<NamespaceSyscalls> load() {
        return loader(NamespaceSyscalls.class, DebugLog.OFF).get();
    }

    /** The native file reads, or empty when this JVM is too old or the linker is unavailable. */
    public static Optional<FileSyscalls> loadFiles() {
        return loader(FileSyscalls.class, DebugLog.OFF).get();
    }

    /** The calls that read other mount namespaces' tables, or empty when this JVM is too old. */
    public static Optional<MountSyscalls> loadMounts() {
        return loader(MountSyscalls.class, DebugLog.OFF).get();
    }

    /** Namespace ids, the mount namespace list and listns(2), or empty when this JVM is too old. */
    public static Optional<KernelNamespaceSyscalls> loadKernel() {
        return loader(KernelNamespaceSyscalls.class, DebugLog.OFF).get();
    }

    /** Reads of files other programs wrote (container engines' state), or empty when this JVM is too old. */
    public static Optional<UntrustedFileSyscalls> loadUntrustedFiles() {
        return loader(UntrustedFileSyscalls.class, DebugLog.OFF).get();
    }

    /**
     * {@link #instantiate} for later, as a supplier that is a class of its own rather than a lambda: a
     * run that spins no lambda at all spares the JVM its lambda machinery, about 15 ms of a cold start.
     */
    public static <T> Supplier<Optional<T>> loader(Class<T> api, DebugLog log) {
        String implementation = api == NamespaceSyscalls.class ? NAMESPACES
                : api == FileSyscalls.class ? FILES
                : api == MountSyscalls.class ? MOUNTS
                : api == KernelNamespaceSyscalls.class ? KERNEL
                : api == UntrustedFileSyscalls.class ? UNTRUSTED_FILES
                : null;
        if (implementation == null) {
            throw new IllegalArgumentException("no native implementation of " + api.getName());
        }
        return new Loader<>(implementation, api, log);
    }

    private record Loader<T>(String implementation, Class<T> api, DebugLog log) implements Supplier<Optional<T>> {
        @Override
        public Optional<T> get() {
            return instantiate(implementation, api, log);
        }
    }

    private static <T> Optional<T> instantiate(String implementation, Class<T> api, DebugLog log) {
        if (!supported()) {
            return Optional.empty();
        }
        try {
            return Optional.of(api.cast(Class.forName(implementation).getDeclaredConstructor().newInstance()));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            log.debug("native access could not be loaded: " + implementation, e);
            return Optional.empty();
        }
    }
}
