package dev.listns.scan;

import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NamespaceSyscalls;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Links the native calls on a thread of its own, which takes a cold JVM 100 to 250 ms: the file calls
 * first, which the walk takes up once they are linked (see {@link FileCallsLink}), then the namespace
 * calls, for the discoveries after the walk. (A walk that started with the JDK's file API was once
 * measured slower than waiting: it read every thread's descriptor table, which now waits for kcmp, and
 * the link itself happened at the walk's first native call, which the loaders now make.)
 */
final class NativeLinker {
    private final CompletableFuture<Optional<FileSyscalls>> files = new CompletableFuture<>();
    private final CompletableFuture<Optional<NamespaceSyscalls>> namespaces = new CompletableFuture<>();

    private NativeLinker() {
    }

    static NativeLinker start(Supplier<Optional<FileSyscalls>> fileLoader,
            Supplier<Optional<NamespaceSyscalls>> namespaceLoader) {
        NativeLinker linker = new NativeLinker();
        Thread thread = new Thread(new Linking(linker, fileLoader, namespaceLoader), "listns-native-link");
        thread.setDaemon(true);
        thread.start();
        return linker;
    }

    /** A class rather than a lambda: see NativeAccess.loader. */
    private record Linking(NativeLinker linker, Supplier<Optional<FileSyscalls>> fileLoader,
            Supplier<Optional<NamespaceSyscalls>> namespaceLoader) implements Runnable {
        @Override
        public void run() {
            link(linker.files, fileLoader);
            link(linker.namespaces, namespaceLoader);
        }
    }

    /** The namespace calls, as a supplier that waits for them to be linked. */
    Supplier<Optional<NamespaceSyscalls>> namespaceCalls() {
        return new Waiting<>(namespaces);
    }

    private record Waiting<T>(CompletableFuture<Optional<T>> linked) implements Supplier<Optional<T>> {
        @Override
        public Optional<T> get() {
            return linked.join();
        }
    }

    /** The file calls, which the walk uses once they are linked. */
    FileCallsLink files() {
        return FileCallsLink.linking(files);
    }

    /**
     * A loader answers empty when it cannot link; one that throws anyway must not leave the scan waiting
     * forever, so the scan gets its exception instead.
     */
    private static <T> void link(CompletableFuture<Optional<T>> linked, Supplier<Optional<T>> loader) {
        try {
            linked.complete(loader.get());
        } catch (Throwable t) {
            linked.completeExceptionally(t);
        }
    }
}
