package dev.listns.docs;

import dev.listns.cli.Environment;
import dev.listns.cli.ListnsCommandLine;
import dev.listns.cli.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands the documentation has to cover, read from the command declarations independently of the generator:
 * {@code listns} and every subcommand below it, whatever they are.
 */
final class CommandTree {
    private CommandTree() {
    }

    static CommandSpec root() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Environment environment = new Environment(nowhere, nowhere, Terminal.notATerminal(), (proc, netns) -> {
            throw new AssertionError("documentation tests never scan");
        });
        return new CommandLine(ListnsCommandLine.spec(environment)).getCommandSpec();
    }

    /** {@code listns} first, then every visible subcommand, depth first. */
    static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(root(), all);
        return all;
    }

    static List<CommandSpec> subcommands() {
        List<CommandSpec> all = commands();
        return all.subList(1, all.size());
    }

    private static void collect(CommandSpec command, List<CommandSpec> into) {
        into.add(command);
        for (CommandLine sub : command.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (!spec.usageMessage().hidden() && into.stream().noneMatch(c -> c == spec)) {
                collect(spec, into);
            }
        }
    }

    static List<String> visibleOptionNames(CommandSpec command) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            if (!option.hidden()) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    static List<String> hiddenOptionNames(CommandSpec command) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }
}
