package dev.listns.model;

/** Something that produces a scan; an interface so commands can be tested with prepared results. */
@FunctionalInterface
public interface Scanner {
    ScanResult scan();
}
