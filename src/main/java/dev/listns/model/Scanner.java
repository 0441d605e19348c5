package dev.listns.model;

/** Something that produces a scan; an interface so commands can be tested with prepared results. */
@FunctionalInterface
public interface Scanner {
    ScanResult scan(ScanRequest request);

    /** A scan whose output may show any namespace. */
    default ScanResult scan() {
        return scan(ScanRequest.EVERY_NAMESPACE);
    }
}
