package dev.listns.cli;

import picocli.CommandLine;

/** Parses {@code -p PID}: a positive whole number, nothing else. */
final class PidConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        if (value.matches("[0-9]{1,9}") && Integer.parseInt(value) > 0) {
            return Integer.parseInt(value);
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a process ID (a positive whole number)");
    }
}
