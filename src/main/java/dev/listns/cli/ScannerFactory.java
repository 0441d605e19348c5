package dev.listns.cli;

import dev.listns.model.Scanner;

import java.nio.file.Path;
import java.util.List;

/** Makes the scanner for a run; tests substitute fake proc trees through the hidden options, or a stub scanner. */
@FunctionalInterface
public interface ScannerFactory {
    Scanner create(Path procRoot, List<Path> netnsDirs);
}
