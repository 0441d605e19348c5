package dev.listns.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code listns audit}, declared once: {@link ArgumentParser} reads a cron job's command
 * line from these without loading picocli, and picocli's model ({@link AuditCommandLine}) is built from
 * them for help, errors and the docs. In the order help lists them.
 */
final class AuditOptions {
    /** The subcommand's name, first on its command lines. */
    static final String NAME = "audit";

    static final OptionDeclaration<Path> STATE = OptionDeclaration.value("FILE", Path.class, ValueConverter.PATH, null,
            "The state file: created on the first run, replaced atomically on later ones (mode 600). Its directory must "
                    + "exist. FILE.lock next to it keeps overlapping runs apart. Other users must not be able to change "
                    + "either: the directory and those above it must be root's or yours and not writable by others "
                    + "(sticky ones like /tmp excepted), FILE and FILE.lock your own regular files with one link, never "
                    + "symbolic links.", "--state").requiredOption();
    static final OptionDeclaration<Path> IGNORE = OptionDeclaration.value("RULES_FILE", Path.class, ValueConverter.PATH,
            null, "Do not report namespaces that match a rule in this file: a regular file of root's or yours, not a "
                    + "symbolic link, writable by nobody else, at most 1 MiB.", "--ignore");
    static final OptionDeclaration<Boolean> JSON = OptionDeclaration.flag(
            "One JSON object per change and line: {\"change\":\"appeared\",\"namespace\":{...}}.", "-J", "--json");

    /** Every option, the scan target's (hidden) last; help and version are picocli's own. */
    static final List<OptionDeclaration<?>> OPTIONS = every();

    private AuditOptions() {
    }

    /** The parser of the subcommand's own arguments (those after {@code audit}). */
    static ArgumentParser parser() {
        return new ArgumentParser(OPTIONS, null, List.of());
    }

    private static List<OptionDeclaration<?>> every() {
        List<OptionDeclaration<?>> every = new ArrayList<>(List.of(STATE, IGNORE, JSON));
        every.addAll(ScanTarget.OPTIONS);
        return List.copyOf(every);
    }
}
