package dev.listns.scan;

import dev.listns.nativeaccess.FileSyscalls;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A scan's native file calls, which a cold JDK 22+ takes a good part of a small host's scan to link.
 * Reads by path need not wait for them: until the link has ended they take the JDK's file API, as on
 * Java 17. What only a native call can answer (kcmp, asked by PID) waits for the link.
 */
interface FileCallsLink {
    /** The calls if the link has ended (empty: this JVM has none), else null. */
    Optional<FileSyscalls> ifLinked();

    /** The calls, once the link has ended. */
    Optional<FileSyscalls> awaited();

    /** Calls known from the start: no link to wait for. */
    static FileCallsLink linked(Optional<FileSyscalls> calls) {
        return new Linked(calls);
    }

    /** Calls being linked elsewhere, ready when {@code link} completes. */
    static FileCallsLink linking(CompletableFuture<Optional<FileSyscalls>> link) {
        return new Linking(link);
    }

    /**
     * For tests: calls linked only when first awaited, so that every read before takes the JDK's way, as
     * on a host where the link ends after the walk.
     */
    static FileCallsLink whenAwaited(Supplier<Optional<FileSyscalls>> loader) {
        return new WhenAwaited(loader);
    }

    /** See {@link #linked}. */
    record Linked(Optional<FileSyscalls> calls) implements FileCallsLink {
        @Override
        public Optional<FileSyscalls> ifLinked() {
            return calls;
        }

        @Override
        public Optional<FileSyscalls> awaited() {
            return calls;
        }
    }

    /** See {@link #linking}. */
    record Linking(CompletableFuture<Optional<FileSyscalls>> link) implements FileCallsLink {
        @Override
        public Optional<FileSyscalls> ifLinked() {
            return link.isDone() ? link.join() : null;
        }

        @Override
        public Optional<FileSyscalls> awaited() {
            return link.join();
        }
    }

    /** See {@link #whenAwaited}. */
    final class WhenAwaited implements FileCallsLink {
        private final Supplier<Optional<FileSyscalls>> loader;
        private Optional<FileSyscalls> calls;

        WhenAwaited(Supplier<Optional<FileSyscalls>> loader) {
            this.loader = loader;
        }

        @Override
        public synchronized Optional<FileSyscalls> ifLinked() {
            return calls;
        }

        @Override
        public synchronized Optional<FileSyscalls> awaited() {
            if (calls == null) {
                calls = loader.get();
            }
            return calls;
        }
    }
}
