package dev.listns.cli;

import dev.listns.columns.ColumnList;
import dev.listns.output.TerminalSafe;

/** Parses {@code -o LIST}; a name that is no column is a usage error that names it, escaped. */
final class ColumnListConverter implements ValueConverter<ColumnList> {
    @Override
    public ColumnList convert(String value) {
        try {
            return ColumnList.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(TerminalSafe.escape(e.getMessage()));
        }
    }
}
