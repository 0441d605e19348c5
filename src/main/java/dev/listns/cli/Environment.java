package dev.listns.cli;

import java.io.PrintWriter;

/** Everything a command talks to outside itself: the two streams, the terminal and the scanner. */
public record Environment(PrintWriter out, PrintWriter err, Terminal terminal, ScannerFactory scanners) {
}
