package dev.listns.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An option added to a command and kept as a reference typed by its value, so that the code reading
 * it names the option it declared instead of looking it up by a string that a typo would break only
 * at run time.
 *
 * @param <T> the option's value type, as its {@code OptionSpec} was built with
 */
final class TypedOption<T> {
    private final OptionSpec spec;

    private TypedOption(OptionSpec spec) {
        this.spec = spec;
    }

    /** Adds {@code option} to {@code command}; {@code T} must be what the option's type converts to. */
    static <T> TypedOption<T> add(CommandSpec command, OptionSpec option) {
        command.addOption(option);
        return new TypedOption<>(option);
    }

    /** The value given on the command line, or the initial value (null where there is none). */
    T value() {
        return spec.getValue();
    }
}
