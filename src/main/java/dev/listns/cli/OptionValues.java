package dev.listns.cli;

/**
 * The values a command line gave a command's declared options and positional argument, read by
 * listns's own parser ({@link ParsedArguments}) or by picocli ({@link DeclaredOptions}) alike.
 */
interface OptionValues {
    /** The option's value as given, or its {@link OptionDeclaration#absent} value. */
    <T> T value(OptionDeclaration<T> option);

    /** The positional argument's value, or null when none was given. */
    <T> T value(PositionalDeclaration<T> positional);
}
