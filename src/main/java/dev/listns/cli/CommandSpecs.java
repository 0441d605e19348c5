package dev.listns.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** What every command's option declarations share (see {@link ListnsCommand} for why they are code). */
final class CommandSpecs {
    private CommandSpecs() {
    }

    /**
     * The spec of a listns command, with what they all share: their version, options listed in the order
     * declared, help as wide as the terminal.
     */
    static CommandSpec command(Callable<Integer> command, String name) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).versionProvider(new VersionProvider());
        spec.usageMessage().sortOptions(false).autoWidth(true);
        return spec;
    }

    /** An option that takes no value and is off unless given. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).initialValue(false).description(description).build();
    }

    /** {@code -h} and {@code -V}, worded as picocli's own; last, where picocli puts them in an unsorted list. */
    static void addStandardHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").type(boolean.class).usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").type(boolean.class).versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** Exit codes and their meanings, in the order given: code, meaning, code, meaning... */
    static Map<String, String> exitCodes(String... codesAndMeanings) {
        Map<String, String> list = new LinkedHashMap<>();
        for (int i = 0; i + 1 < codesAndMeanings.length; i += 2) {
            list.put(codesAndMeanings[i], codesAndMeanings[i + 1]);
        }
        return list;
    }
}
