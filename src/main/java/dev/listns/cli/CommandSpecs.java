package dev.listns.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * picocli's model of listns's commands, in code rather than annotations (reading annotations makes the
 * JDK generate a proxy class per annotation type and a reflective accessor per field, about 30 ms), and
 * built from the same {@link OptionDeclaration}s that {@link ArgumentParser} reads.
 */
final class CommandSpecs {
    private CommandSpecs() {
    }

    /**
     * The spec of a listns command, with what they all share: their version, options listed in the order
     * declared, help as wide as the terminal.
     */
    static CommandSpec command(Callable<Integer> command, String name) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).versionProvider(VersionProvider::versionLines);
        spec.usageMessage().sortOptions(false).autoWidth(true);
        return spec;
    }

    /** picocli's model of a declared option. */
    static OptionSpec option(OptionDeclaration<?> declared) {
        OptionSpec.Builder option = OptionSpec.builder(declared.names().toArray(new String[0])).hidden(declared.hidden());
        if (declared.takes() == OptionDeclaration.Takes.NOTHING) {
            option.type(boolean.class).initialValue(false);
        } else {
            if (declared.repeatable()) {
                option.type(List.class).auxiliaryTypes(declared.valueType());
            } else {
                option.type(declared.valueType());
            }
            option.paramLabel(declared.paramLabel()).converters(converter(declared.converter()));
            if (declared.splitRegex() != null) {
                option.splitRegex(declared.splitRegex());
            }
            if (declared.takes() == OptionDeclaration.Takes.OPTIONAL_VALUE) {
                option.arity("0..1").fallbackValue(declared.fallback());
            }
            if (declared.absent() != null) {
                // picocli adds to a list it is given: a fresh one for each model.
                option.initialValue(declared.repeatable() ? new ArrayList<>((List<?>) declared.absent()) : declared.absent());
            }
        }
        if (declared.completions() != null) {
            option.completionCandidates(declared.completions());
        }
        if (declared.required()) {
            option.required(true);
        }
        if (declared.description() != null) {
            option.description(declared.description());
        }
        return option.build();
    }

    /** picocli's model of a declared positional argument: the first, and optional. */
    static PositionalParamSpec positional(PositionalDeclaration<?> declared) {
        return PositionalParamSpec.builder().index("0").arity("0..1").type(declared.valueType())
                .paramLabel(declared.paramLabel()).converters(converter(declared.converter()))
                .description(declared.description()).build();
    }

    /** The converter for picocli: the same function, its refusal worded by picocli ("Invalid value for option..."). */
    private static CommandLine.ITypeConverter<Object> converter(ValueConverter<?> converter) {
        return text -> {
            try {
                return converter.convert(text);
            } catch (InvalidValueException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
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
