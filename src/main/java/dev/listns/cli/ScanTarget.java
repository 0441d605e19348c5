package dev.listns.cli;

import dev.listns.columns.UserNames;
import dev.listns.files.PasswdFile;
import dev.listns.scan.ProcFsScanner;
import dev.listns.model.Scanner;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command scans: the real host, or (through hidden options, for tests) a fake proc tree, and the
 * passwd file that names its users.
 */
final class ScanTarget {
    private TypedOption<Path> procRoot;
    private TypedOption<List<Path>> netnsDirs;
    private TypedOption<Path> passwd;

    void addTo(CommandSpec spec) {
        procRoot = TypedOption.add(spec, OptionSpec.builder("--proc-root").type(Path.class).paramLabel("DIR").hidden(true)
                .initialValue(ProcFsScanner.HOST_PROC_ROOT).build());
        netnsDirs = TypedOption.add(spec, OptionSpec.builder("--netns-dir").type(List.class).auxiliaryTypes(Path.class).paramLabel("DIR")
                .hidden(true).initialValue(new ArrayList<>(ProcFsScanner.DEFAULT_NETNS_DIRS)).build());
        passwd = TypedOption.add(spec, OptionSpec.builder("--passwd").type(Path.class).paramLabel("FILE").hidden(true)
                .initialValue(PasswdFile.HOST).build());
    }

    /** The scanner for what {@code spec}'s options (added by {@link #addTo}) ask for. */
    Scanner scanner(ScannerFactory factory) {
        return factory.create(procRoot.value(), netnsDirs.value());
    }

    /** The user names of the host that is scanned; read only if a USER column asks. */
    UserNames users() {
        return new PasswdFile(passwd.value());
    }
}
