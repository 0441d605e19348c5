package dev.listns.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Declared options added to a picocli command, and the values picocli read for them. */
final class DeclaredOptions implements OptionValues {
    private final Map<OptionDeclaration<?>, OptionSpec> options = new IdentityHashMap<>();
    private PositionalDeclaration<?> positional;
    private PositionalParamSpec positionalSpec;

    private DeclaredOptions() {
    }

    /** Adds {@code declared} to {@code command}, in order. */
    static DeclaredOptions addTo(CommandSpec command, List<OptionDeclaration<?>> declared) {
        DeclaredOptions added = new DeclaredOptions();
        for (OptionDeclaration<?> option : declared) {
            OptionSpec spec = CommandSpecs.option(option);
            command.addOption(spec);
            added.options.put(option, spec);
        }
        return added;
    }

    /** Adds the command's positional argument. */
    DeclaredOptions withPositional(CommandSpec command, PositionalDeclaration<?> declared) {
        positional = declared;
        positionalSpec = CommandSpecs.positional(declared);
        command.addPositional(positionalSpec);
        return this;
    }

    @Override
    public <T> T value(OptionDeclaration<T> option) {
        OptionSpec spec = options.get(option);
        if (spec == null) {
            throw new IllegalArgumentException("not an option of this command: " + option.names());
        }
        return spec.getValue();
    }

    @Override
    public <T> T value(PositionalDeclaration<T> declared) {
        if (declared != positional) {
            throw new IllegalArgumentException("not the positional argument of this command: " + declared.paramLabel());
        }
        return positionalSpec.getValue();
    }
}
