package dev.listns.cli;

import dev.listns.scan.ProcFsScanner;
import dev.listns.scan.Scanner;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a command scans: the real host, or (through hidden options, for tests) a fake proc tree. */
public final class ScanTarget {
    @Option(names = "--proc-root", hidden = true, paramLabel = "DIR")
    Path procRoot = ProcFsScanner.HOST_PROC_ROOT;

    @Option(names = "--netns-dir", hidden = true, paramLabel = "DIR")
    List<Path> netnsDirs = new ArrayList<>(ProcFsScanner.DEFAULT_NETNS_DIRS);

    Scanner scanner(ScannerFactory factory) {
        return factory.create(procRoot, netnsDirs);
    }
}
