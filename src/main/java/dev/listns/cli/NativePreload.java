package dev.listns.cli;

import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeAccess;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Links the native calls on a thread of their own as soon as the JVM starts: linking takes about a
 * tenth of a second, which then passes while the options are parsed instead of before the scan.
 */
final class NativePreload {
    private final CompletableFuture<Optional<FileSyscalls>> files = new CompletableFuture<>();
    private final CompletableFuture<Optional<NamespaceSyscalls>> namespaces = new CompletableFuture<>();

    private NativePreload() {
    }

    static NativePreload start() {
        NativePreload preload = new NativePreload();
        if (!NativeAccess.supported()) {
            preload.files.complete(Optional.empty());
            preload.namespaces.complete(Optional.empty());
            return preload;
        }
        // Not the common pool: its one worker on a 2-core host is the scan's second core.
        Thread thread = new Thread(() -> {
            preload.files.complete(NativeAccess.loadFiles());
            preload.namespaces.complete(NativeAccess.load());
        }, "listns-native-preload");
        thread.setDaemon(true);
        thread.start();
        return preload;
    }

    /** Waits for the file calls to be linked, if they are not yet. */
    Optional<FileSyscalls> files() {
        return files.join();
    }

    /** Waits for the namespace calls to be linked, if they are not yet. */
    Optional<NamespaceSyscalls> namespaces() {
        return namespaces.join();
    }
}
