package dev.listns.model;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A process's command line, which the scan may leave to be read when something first asks for it: a
 * crowded host has thousands of processes in none but the initial namespaces that no row shows, and
 * reading every argv would be a tenth of the scan. Two command lines are equal when their texts are.
 */
public final class CommandLine {
    private Supplier<String> source;
    private String text;

    private CommandLine(String text, Supplier<String> source) {
        this.text = text;
        this.source = source;
    }

    public static CommandLine of(String text) {
        return new CommandLine(Objects.requireNonNull(text), null);
    }

    /** @param source reads the text once, on first use; it must not fail (a vanished process has a text too) */
    public static CommandLine deferred(Supplier<String> source) {
        return new CommandLine(null, Objects.requireNonNull(source));
    }

    public synchronized String text() {
        if (text == null) {
            text = Objects.requireNonNull(source.get());
            source = null;
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommandLine line && text().equals(line.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
