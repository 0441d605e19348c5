package dev.listns.scan;

import dev.listns.model.ScanResult;

/** Something that produces a scan; an interface so commands can be tested with prepared results. */
@FunctionalInterface
public interface Scanner {
    ScanResult scan();
}
