package dev.listns.nativeaccess;

import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Loads the {@code java.lang.foreign} implementation only on a JVM that has it (22+), so the core
 * keeps running on Java 17. Loading is lazy: a plain listing never touches native code.
 */
public final class NativeAccess {
    /** The first Java release where java.lang.foreign is final. */
    public static final int REQUIRED_JAVA = 22;
    private static final String IMPLEMENTATION = "dev.listns.nativeaccess.ffm.FfmNamespaceSyscalls";

    private NativeAccess() {
    }

    public static boolean supported() {
        return Runtime.version().feature() >= REQUIRED_JAVA;
    }

    /** The native implementation, or empty when this JVM is too old or the linker is unavailable. */
    public static Optional<NamespaceSyscalls> load() {
        if (!supported()) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(IMPLEMENTATION);
            return Optional.of((NamespaceSyscalls) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LoggerFactory.getLogger(NativeAccess.class).debug("native access could not be loaded", e);
            return Optional.empty();
        }
    }
}
