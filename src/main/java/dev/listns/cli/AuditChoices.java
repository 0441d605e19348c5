package dev.listns.cli;

import java.nio.file.Path;

/** What an audit command line asked for, whichever parser read it ({@link ArgumentParser} or picocli). */
record AuditChoices(Path state, Path ignore, boolean json, ScanTarget target) {

    /** The choices in {@code values}, which hold the options of {@link AuditOptions}. */
    static AuditChoices read(OptionValues values) {
        return new AuditChoices(values.value(AuditOptions.STATE), values.value(AuditOptions.IGNORE),
                values.value(AuditOptions.JSON), ScanTarget.read(values));
    }
}
