package dev.listns.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the text of an option's value into the value: a plain function, so that listns's own parser
 * ({@link ArgumentParser}) and picocli's model (built for help, errors and the docs, {@link CommandSpecs})
 * convert with the very same code.
 *
 * @param <T> the value
 */
@FunctionalInterface
interface ValueConverter<T> {
    /** @throws InvalidValueException with the reason, in one line, that picocli puts after the option's name */
    T convert(String text);

    /** Text as it is given (-Q's expression). */
    ValueConverter<String> TEXT = new ValueConverter<>() {
        @Override
        public String convert(String text) {
            return text;
        }
    };

    /** A file or directory, not looked at before it is used. */
    ValueConverter<Path> PATH = new ValueConverter<>() {
        @Override
        public Path convert(String text) {
            return Path.of(text);
        }
    };

    /**
     * An enum constant by its name in any case, worded on failure as picocli words its own enum
     * conversion (with case-insensitive enum values allowed), which listns used before it had this.
     */
    final class CaseInsensitive<E extends Enum<E>> implements ValueConverter<E> {
        private final Class<E> type;

        CaseInsensitive(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String text) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            throw new InvalidValueException("expected one of " + names + " (case-insensitive) but was '" + text + "'");
        }
    }
}
