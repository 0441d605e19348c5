package dev.listns.cli;

import java.util.List;

/**
 * One option of a command, declared once as plain data. listns's own parser ({@link ArgumentParser})
 * reads the usual command lines from it without loading picocli; picocli's model is built from it
 * ({@link CommandSpecs#option}) only for help, version, errors and the docs.
 *
 * @param names        every name, short ({@code -t}) and long ({@code --type}), in the order help lists them
 * @param takes        whether a value follows the option
 * @param repeatable   whether the option may be given again, each value added to a list
 * @param splitRegex   where one value holds several ({@code -t net,mnt}), or null
 * @param paramLabel   the value's name in help ({@code TYPE}), or null for a flag
 * @param description  the help text
 * @param hidden       left out of help and the docs (options for tests)
 * @param valueType    the type of one value ({@code boolean} for a flag)
 * @param converter    reads one value, or null for a flag
 * @param absent       the value when the option is not given: null, a default, an empty list, or false
 * @param fallback     the text that stands for a value left out, when the value is optional
 * @param completions  the values to offer in help and shell completion, or null for none
 * @param required     whether a command line without it is a usage error (picocli words it)
 * @param <T> what the command reads: the value, the list of values of a repeatable option, or Boolean
 */
record OptionDeclaration<T>(List<String> names, Takes takes, boolean repeatable, String splitRegex, String paramLabel,
        String description, boolean hidden, Class<?> valueType, ValueConverter<?> converter, T absent, String fallback,
        Iterable<String> completions, boolean required) {

    /** What follows the option's name. */
    enum Takes {
        /** Nothing: a flag. */
        NOTHING,
        /** A value, attached ({@code -tnet}, {@code --type=net}) or the next argument. */
        VALUE,
        /** A value attached or in the next argument, or none ({@code -T}, {@code -T parent}): then the fallback. */
        OPTIONAL_VALUE
    }

    /** An option without value, false unless given. */
    static OptionDeclaration<Boolean> flag(String description, String... names) {
        return new OptionDeclaration<>(List.of(names), Takes.NOTHING, false, null, null, description, false, boolean.class,
                null, false, null, null, false);
    }

    /** An option with one value, given at most once; {@code absent} (may be null) when it is not given. */
    static <T> OptionDeclaration<T> value(String paramLabel, Class<T> valueType, ValueConverter<T> converter, T absent,
            String description, String... names) {
        return new OptionDeclaration<>(List.of(names), Takes.VALUE, false, null, paramLabel, description, false, valueType,
                converter, absent, null, null, false);
    }

    /** An option that may be given again, every value kept in order; {@code absent} when it is not given at all. */
    static <E> OptionDeclaration<List<E>> repeatable(String paramLabel, Class<E> valueType, ValueConverter<E> converter,
            List<E> absent, String description, String... names) {
        return new OptionDeclaration<>(List.of(names), Takes.VALUE, true, null, paramLabel, description, false, valueType,
                converter, absent, null, null, false);
    }

    /** This option with its value optional: without one, {@code fallback} is converted in its place. */
    OptionDeclaration<T> optionalValue(String fallback) {
        return new OptionDeclaration<>(names, Takes.OPTIONAL_VALUE, repeatable, splitRegex, paramLabel, description, hidden,
                valueType, converter, absent, fallback, completions, required);
    }

    /** This option with values that also come several in one, split where {@code regex} matches. */
    OptionDeclaration<T> split(String regex) {
        return new OptionDeclaration<>(names, takes, repeatable, regex, paramLabel, description, hidden, valueType,
                converter, absent, fallback, completions, required);
    }

    /** This option left out of help and the docs. */
    OptionDeclaration<T> hiddenFromHelp() {
        return new OptionDeclaration<>(names, takes, repeatable, splitRegex, paramLabel, description, true, valueType,
                converter, absent, fallback, completions, required);
    }

    /** This option with the values that help and shell completion offer. */
    OptionDeclaration<T> completions(Iterable<String> values) {
        return new OptionDeclaration<>(names, takes, repeatable, splitRegex, paramLabel, description, hidden, valueType,
                converter, absent, fallback, values, required);
    }

    /** This option, which every command line must give. */
    OptionDeclaration<T> requiredOption() {
        return new OptionDeclaration<>(names, takes, repeatable, splitRegex, paramLabel, description, hidden, valueType,
                converter, absent, fallback, completions, true);
    }

    /** Whether {@code name} is one of this option's names. */
    boolean isNamed(String name) {
        return names.contains(name);
    }
}
