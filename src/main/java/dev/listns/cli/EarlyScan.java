package dev.listns.cli;

import dev.listns.model.ScanRequest;
import dev.listns.model.ScanResult;
import dev.listns.model.Scanner;
import dev.listns.model.StagedScanner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The host scan, started on a thread of its own as the JVM starts. Reading /proc depends on no option,
 * so it runs while the options are parsed; on a small host that is most of the run. The output's
 * request then finishes it. It serves the first scan asked for; any later one is made afresh. A run
 * that needs no scan (--help, a usage error) exits without waiting for it.
 */
final class EarlyScan implements Scanner {
    private final StagedScanner scanner;
    private final CompletableFuture<StagedScanner.Stage> first = new CompletableFuture<>();
    private final AtomicBoolean served = new AtomicBoolean();

    private EarlyScan(StagedScanner scanner) {
        this.scanner = scanner;
    }

    static EarlyScan start(StagedScanner scanner) {
        EarlyScan early = new EarlyScan(scanner);
        Thread thread = new Thread(new Preparing(early), "listns-early-scan");
        thread.setDaemon(true);
        thread.start();
        return early;
    }

    /** A class, not a lambda: see Main.Scanners. */
    private record Preparing(EarlyScan early) implements Runnable {
        @Override
        public void run() {
            try {
                early.first.complete(early.scanner.prepare());
            } catch (Throwable t) {
                early.first.completeExceptionally(t);
            }
        }
    }

    @Override
    public ScanResult scan(ScanRequest request) {
        if (served.getAndSet(true)) {
            return scanner.scan(request);
        }
        StagedScanner.Stage stage;
        try {
            stage = first.join();
        } catch (CompletionException e) {
            // The scan's own exception, as if it had run on this thread.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
        return stage.finish(request);
    }
}
