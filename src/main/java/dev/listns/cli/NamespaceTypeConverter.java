package dev.listns.cli;

import dev.listns.model.NamespaceType;

import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/** Parses {@code -t net}; an unknown type is a usage error that lists the valid ones. */
final class NamespaceTypeConverter implements ValueConverter<NamespaceType> {
    @Override
    public NamespaceType convert(String value) {
        Optional<NamespaceType> type = NamespaceType.fromLabel(value.toLowerCase(Locale.ROOT));
        if (type.isEmpty()) {
            throw new InvalidValueException("unknown namespace type '" + value + "' (valid: " + valid() + ")");
        }
        return type.get();
    }

    /** Made only for the message: every start loads this class, few need the list. */
    private static String valid() {
        StringJoiner valid = new StringJoiner(", ");
        for (NamespaceType type : NamespaceType.values()) {
            valid.add(type.label());
        }
        return valid.toString();
    }
}
