package dev.listns.cli;

import dev.listns.columns.UserNames;
import dev.listns.files.PasswdFile;
import dev.listns.model.Scanner;
import dev.listns.scan.ProcFsScanner;

import java.nio.file.Path;
import java.util.List;

/**
 * What a command scans: the real host, or (through hidden options, for tests) a fake proc tree, and the
 * passwd file that names its users.
 */
record ScanTarget(Path procRoot, List<Path> netnsDirs, Path passwd) {
    static final OptionDeclaration<Path> PROC_ROOT = OptionDeclaration.value("DIR", Path.class, ValueConverter.PATH,
            ProcFsScanner.HOST_PROC_ROOT, null, "--proc-root").hiddenFromHelp();
    static final OptionDeclaration<List<Path>> NETNS_DIRS = OptionDeclaration.repeatable("DIR", Path.class,
            ValueConverter.PATH, ProcFsScanner.DEFAULT_NETNS_DIRS, null, "--netns-dir").hiddenFromHelp();
    static final OptionDeclaration<Path> PASSWD = OptionDeclaration.value("FILE", Path.class, ValueConverter.PATH,
            PasswdFile.HOST, null, "--passwd").hiddenFromHelp();

    /** The options every command that scans has, in the order they are added. */
    static final List<OptionDeclaration<?>> OPTIONS = List.of(PROC_ROOT, NETNS_DIRS, PASSWD);

    /** The target the options ask for. */
    static ScanTarget read(OptionValues values) {
        return new ScanTarget(values.value(PROC_ROOT), values.value(NETNS_DIRS), values.value(PASSWD));
    }

    /** The scanner for this target. */
    Scanner scanner(ScannerFactory factory) {
        return factory.create(procRoot, netnsDirs);
    }

    /** The user names of the host that is scanned; read only if a USER column asks. */
    UserNames users() {
        return new PasswdFile(passwd);
    }
}
