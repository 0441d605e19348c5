package dev.listns.scan;

import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NamespaceSyscalls;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Links the native calls on a thread of its own, which takes tens of milliseconds: the file calls
 * first, which the walk waits for, then the namespace calls, which are linked during the walk, for the
 * discoveries after it. (Starting the walk with the JDK's file API and switching once linked was
 * tried: the JIT's work on both ways of reading cost more than the wait.)
 */
final class NativeLinker {
    private final CompletableFuture<Optional<FileSyscalls>> files = new CompletableFuture<>();
    private final CompletableFuture<Optional<NamespaceSyscalls>> namespaces = new CompletableFuture<>();

    private NativeLinker() {
    }

    static NativeLinker start(Supplier<Optional<FileSyscalls>> fileLoader,
            Supplier<Optional<NamespaceSyscalls>> namespaceLoader) {
        NativeLinker linker = new NativeLinker();
        Thread thread = new Thread(() -> {
            linker.files.complete(load(fileLoader));
            linker.namespaces.complete(load(namespaceLoader));
        }, "listns-native-link");
        thread.setDaemon(true);
        thread.start();
        return linker;
    }

    /** The file calls, waiting for them to be linked. */
    Optional<FileSyscalls> files() {
        return files.join();
    }

    /** The namespace calls, waiting for them to be linked. */
    Optional<NamespaceSyscalls> namespaces() {
        return namespaces.join();
    }

    /** A loader that fails (it should answer empty instead) must not leave a waiting scan hanging. */
    private static <T> Optional<T> load(Supplier<Optional<T>> loader) {
        try {
            return loader.get();
        } catch (RuntimeException | Error e) {
            return Optional.empty();
        }
    }
}
