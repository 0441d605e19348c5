package dev.listns.build;

import dev.listns.cli.Environment;
import dev.listns.cli.ListnsCommandLine;
import dev.listns.cli.VersionProvider;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the man page and the shell completion scripts from the picocli model, so that they cannot drift
 * from {@code --help}. Run by the build (exec-maven-plugin) against the compiled classes; not shipped in
 * the jar.
 *
 * <p>Usage: {@code Docs TARGET_DIR DATE}, writing {@code TARGET_DIR/man/listns.8},
 * {@code TARGET_DIR/completion/listns.bash} and {@code TARGET_DIR/completion/_listns}.
 */
public final class Docs {
    private Docs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Docs TARGET_DIR DATE");
        }
        Path target = Path.of(args[0]);
        String date = args[1];
        CommandLine commandLine = commandLine();
        String version = VersionProvider.version();
        write(target.resolve("man/listns.8"), new ManPage(commandLine.getCommandSpec(), version, date).render());
        write(target.resolve("completion/listns.bash"), AutoComplete.bash("listns", commandLine));
        write(target.resolve("completion/_listns"), new ZshCompletion(commandLine.getCommandSpec(), version).render());
    }

    /**
     * The command tree as the commands declare it, subcommands included, whatever they are. A command whose
     * constructor wants the {@link Environment} gets an inert one: nothing here runs it.
     */
    static CommandLine commandLine() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Environment environment = new Environment(nowhere, nowhere, null, null);
        return new CommandLine(ListnsCommandLine.spec(environment));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
