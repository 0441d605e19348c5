package dev.listns.cli;

import dev.listns.debug.DebugLog;
import dev.listns.model.Scanner;
import dev.listns.scan.ProcFsScanner;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The JVM entry point: real streams, real terminal, real /proc, and the only System.exit. */
public final class Main {
    /** {@code -Dlistns.mount-tables=enter}: a switch for tests only, not documented for users. */
    static final String MOUNT_TABLES_PROPERTY = "listns.mount-tables";

    private Main() {
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale says: escaped output is ASCII-safe, and names may be Unicode.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        // Known before the options are parsed: the scan starts now and may have something to say at once.
        DebugLog log = Arrays.asList(args).contains("--debug") ? DebugLog.to(err) : DebugLog.OFF;
        boolean privileged = isRoot();
        // For the security tests: the way kernels before 6.11 read other mount namespaces, on any kernel.
        ProcFsScanner.MountTableWay way = "enter".equals(System.getProperty(MOUNT_TABLES_PROPERTY))
                ? ProcFsScanner.MountTableWay.ENTER : ProcFsScanner.MountTableWay.BEST;
        EarlyScan host = EarlyScan.start(ProcFsScanner.forHost(privileged, way, log));
        Environment environment = new Environment(out, err, Terminal.detect(), new Scanners(host, privileged, way, log));
        System.exit(new Listns(environment).run(args));
    }

    /**
     * The early scan for the host, a scanner made afresh for a fake tree (tests). A class, not a lambda:
     * an ordinary run spins no lambda at all, which spares the JVM its lambda machinery (about 15 ms).
     */
    private record Scanners(EarlyScan host, boolean privileged, ProcFsScanner.MountTableWay way, DebugLog log)
            implements ScannerFactory {
        @Override
        public Scanner create(Path procRoot, List<Path> netnsDirs) {
            return ProcFsScanner.isHost(procRoot, netnsDirs) ? host : ProcFsScanner.forTree(procRoot, netnsDirs, privileged, way, log);
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (Exception e) {
            return false;
        }
    }
}
