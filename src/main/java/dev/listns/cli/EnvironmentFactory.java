package dev.listns.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;

/**
 * Lets picocli build commands that take the {@link Environment} in their constructor (every listns
 * command does), so subcommands can be declared in annotations, where the docs generator sees them.
 */
public final class EnvironmentFactory implements CommandLine.IFactory {
    private final Environment environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    public EnvironmentFactory(Environment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withEnvironment;
        try {
            withEnvironment = type.getDeclaredConstructor(Environment.class);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
        return withEnvironment.newInstance(environment);
    }
}
