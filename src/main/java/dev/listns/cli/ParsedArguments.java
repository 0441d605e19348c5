package dev.listns.cli;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values {@link ArgumentParser} read, converted by the options' own converters. Keyed by the
 * declarations themselves: a record's equals and hashCode would be bootstrapped at every start.
 */
final class ParsedArguments implements OptionValues {
    private final Map<OptionDeclaration<?>, Object> values = new IdentityHashMap<>();
    private Object positional;

    @Override
    @SuppressWarnings("unchecked")
    public <T> T value(OptionDeclaration<T> option) {
        return values.containsKey(option) ? (T) values.get(option) : option.absent();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T value(PositionalDeclaration<T> declaration) {
        return (T) positional;
    }

    /** Whether the command line gave this option. */
    boolean given(OptionDeclaration<?> option) {
        return values.containsKey(option);
    }

    /** Whether the command line gave the positional argument. */
    boolean givenPositional() {
        return positional != null;
    }

    /** Sets a flag; false if it was set already (picocli refuses that). */
    boolean setFlag(OptionDeclaration<?> option) {
        return values.putIfAbsent(option, Boolean.TRUE) == null;
    }

    /**
     * Adds a value; false where picocli may read it otherwise or refuses it: text starting with '-', a
     * second value of an option that is not repeatable, a value its converter refuses, or one that is to be
     * split but is quoted (picocli does not split inside quotes) or has an empty part.
     */
    boolean add(OptionDeclaration<?> option, String text) {
        if (text.startsWith("-")) {
            return false;
        }
        if (!option.repeatable()) {
            Object value = convert(option.converter(), text);
            return value != null && values.putIfAbsent(option, value) == null;
        }
        String[] parts = option.splitRegex() == null ? new String[] {text} : split(option.splitRegex(), text);
        if (parts == null) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) values.get(option);
        if (list == null) {
            list = new ArrayList<>();
            values.put(option, list);
        }
        for (String part : parts) {
            Object value = convert(option.converter(), part);
            if (value == null) {
                return false;
            }
            list.add(value);
        }
        return true;
    }

    /** Sets the positional argument; false if it was set already or its converter refuses it. */
    boolean setPositional(PositionalDeclaration<?> declaration, String text) {
        if (positional != null) {
            return false;
        }
        positional = convert(declaration.converter(), text);
        return positional != null;
    }

    private static String[] split(String regex, String text) {
        if (text.indexOf('"') >= 0) {
            return null;
        }
        String[] parts = text.split(regex, -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return null;
            }
        }
        return parts;
    }

    /** The value, or null where the converter refuses the text: then picocli says why. */
    private static Object convert(ValueConverter<?> converter, String text) {
        try {
            return converter.convert(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
