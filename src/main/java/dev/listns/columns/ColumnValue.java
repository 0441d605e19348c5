package dev.listns.columns;

import java.util.List;
import java.util.Optional;

/**
 * One column's value on one line, typed: what a filter compares and what JSON writes as a number or a
 * string. Text is as the model holds it, unescaped: each output escapes it its own way.
 */
public sealed interface ColumnValue permits ColumnValue.Text, ColumnValue.Number, ColumnValue.TextList,
        ColumnValue.Absent {

    /** The value's text, as a filter compares it; empty when absent. A list reads as its items joined by commas. */
    Optional<String> text();

    record Text(String value) implements ColumnValue {
        @Override
        public Optional<String> text() {
            return Optional.of(value);
        }
    }

    record Number(long value) implements ColumnValue {
        @Override
        public Optional<String> text() {
            return Optional.of(Long.toString(value));
        }
    }

    /** Several texts (mount points, names), which a table may show one per line. Never empty. */
    record TextList(List<String> values) implements ColumnValue {
        public TextList {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an empty list is absent");
            }
        }

        @Override
        public Optional<String> text() {
            return Optional.of(String.join(",", values));
        }
    }

    /** Nothing to say here: a line without a process has no PID. Empty in a table, null in JSON. */
    record Absent() implements ColumnValue {
        @Override
        public Optional<String> text() {
            return Optional.empty();
        }
    }

    Absent ABSENT = new Absent();

    static ColumnValue text(Optional<String> text) {
        return text.isPresent() ? new Text(text.get()) : ABSENT; // no lambda: each is a class spun at start-up
    }

    static ColumnValue list(List<String> values) {
        return values.isEmpty() ? ABSENT : new TextList(values);
    }
}
