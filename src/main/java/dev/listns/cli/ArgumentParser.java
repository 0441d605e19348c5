package dev.listns.cli;

import java.util.List;
import java.util.Optional;

/**
 * Reads a command line against declared options as GNU getopt_long does (clustered short options
 * {@code -lr}, values attached {@code -oNS} {@code --output=NS} or following {@code -o NS}, an optional
 * value only attached or in a next argument that is no option), without picocli: loading and setting up
 * picocli took about a third of a plain run's time on a small host.
 *
 * <p>It reads only what it reads exactly as picocli does, and gives up (answers empty) on anything else,
 * which is then left to picocli, so that help, version, subcommands and every usage error stay picocli's,
 * word for word: an unknown option, a value missing, unreadable or starting with '-', an option given
 * twice that is not repeatable, {@code --}, a subcommand's name anywhere, {@code @FILE} (picocli reads
 * arguments from that file), {@code -o=NS} (picocli reads NS, getopt "=NS"), {@code --flag=VALUE}, a second
 * positional argument, and a split value that is quoted or has an empty part.
 */
final class ArgumentParser {
    /** Where {@link #read} answers that the command line is not one for this parser. */
    private static final int GIVE_UP = -1;

    private final List<OptionDeclaration<?>> options;
    /** The command's positional argument, or null when it takes none. */
    private final PositionalDeclaration<?> positional;
    private final List<String> subcommands;

    ArgumentParser(List<OptionDeclaration<?>> options, PositionalDeclaration<?> positional, List<String> subcommands) {
        this.options = options;
        this.positional = positional;
        this.subcommands = subcommands;
    }

    /** The values {@code args} give, or empty when picocli must read them. */
    Optional<ParsedArguments> parse(String... args) {
        for (String arg : args) {
            if (subcommands.contains(arg) || arg.startsWith("@") || arg.equals("--")) {
                return Optional.empty();
            }
        }
        ParsedArguments parsed = new ParsedArguments();
        int next = 0;
        while (next < args.length) {
            next = read(args, next, parsed);
            if (next == GIVE_UP) {
                return Optional.empty();
            }
        }
        return Optional.of(parsed);
    }

    /** Reads the argument at {@code at} (and the value after it, if it takes that); answers where to go on. */
    private int read(String[] args, int at, ParsedArguments parsed) {
        String arg = args[at];
        if (arg.startsWith("--")) {
            return readLong(args, at, parsed);
        }
        if (arg.startsWith("-") && arg.length() > 1) {
            return readShort(args, at, parsed);
        }
        return positional != null && parsed.setPositional(positional, arg) ? at + 1 : GIVE_UP;
    }

    /** {@code --name}, {@code --name=VALUE} or {@code --name VALUE}. */
    private int readLong(String[] args, int at, ParsedArguments parsed) {
        String arg = args[at];
        int equals = arg.indexOf('=');
        OptionDeclaration<?> option = named(equals < 0 ? arg : arg.substring(0, equals));
        if (option == null) {
            return GIVE_UP;
        }
        if (option.takes() == OptionDeclaration.Takes.NOTHING) {
            // picocli reads --flag=true and --flag=false; getopt refuses both.
            return equals < 0 && parsed.setFlag(option) ? at + 1 : GIVE_UP;
        }
        if (equals >= 0) {
            return parsed.add(option, arg.substring(equals + 1)) ? at + 1 : GIVE_UP;
        }
        return readValueAfter(option, args, at + 1, parsed);
    }

    /** One or more short options in one argument ({@code -lr}), the last of them may have its value attached ({@code -lnoNS}). */
    private int readShort(String[] args, int at, ParsedArguments parsed) {
        String arg = args[at];
        for (int i = 1; i < arg.length(); i++) {
            OptionDeclaration<?> option = named("-" + arg.charAt(i));
            if (option == null) {
                return GIVE_UP;
            }
            if (option.takes() == OptionDeclaration.Takes.NOTHING) {
                if (!parsed.setFlag(option)) {
                    return GIVE_UP;
                }
                continue;
            }
            String attached = arg.substring(i + 1);
            if (attached.isEmpty()) {
                return readValueAfter(option, args, at + 1, parsed);
            }
            // picocli reads -o=NS as NS, getopt as "=NS": neither is assumed.
            return !attached.startsWith("=") && parsed.add(option, attached) ? at + 1 : GIVE_UP;
        }
        return at + 1;
    }

    /**
     * The value of an option whose name ended its argument: the next argument, unless that starts with
     * '-'. An optional value is then left out (the fallback stands for it) and the next argument read as
     * an option; a required one is picocli's error to word.
     */
    private static int readValueAfter(OptionDeclaration<?> option, String[] args, int next, ParsedArguments parsed) {
        boolean valueFollows = next < args.length && !args[next].startsWith("-");
        if (valueFollows) {
            return parsed.add(option, args[next]) ? next + 1 : GIVE_UP;
        }
        if (option.takes() == OptionDeclaration.Takes.OPTIONAL_VALUE) {
            return parsed.add(option, option.fallback()) ? next : GIVE_UP;
        }
        return GIVE_UP;
    }

    private OptionDeclaration<?> named(String name) {
        for (OptionDeclaration<?> option : options) {
            if (option.isNamed(name)) {
                return option;
            }
        }
        return null;
    }
}
