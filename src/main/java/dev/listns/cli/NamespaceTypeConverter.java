package dev.listns.cli;

import dev.listns.model.NamespaceType;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses {@code -t net}; an unknown type is a usage error that lists the valid ones. */
final class NamespaceTypeConverter implements CommandLine.ITypeConverter<NamespaceType> {
    static final String VALID = Arrays.stream(NamespaceType.values()).map(NamespaceType::label)
            .collect(Collectors.joining(", "));

    @Override
    public NamespaceType convert(String value) {
        return NamespaceType.fromLabel(value.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new CommandLine.TypeConversionException("unknown namespace type '" + value + "' (valid: " + VALID + ")"));
    }
}
