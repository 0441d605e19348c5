package dev.listns.cli;

import dev.listns.scan.ProcFsScanner;

import java.nio.file.Path;
import java.util.List;

/** Makes the scanner for a run; tests substitute fake proc trees through the hidden options. */
@FunctionalInterface
public interface ScannerFactory {
    ProcFsScanner create(Path procRoot, List<Path> netnsDirs);
}
