package dev.listns.cli;

/** Parses {@code -p PID}: a positive whole number, nothing else. */
final class PidConverter implements ValueConverter<Integer> {
    @Override
    public Integer convert(String value) {
        if (value.matches("[0-9]{1,9}") && Integer.parseInt(value) > 0) {
            return Integer.parseInt(value);
        }
        throw new InvalidValueException("'" + value + "' is not a process ID (a positive whole number)");
    }
}
