package dev.listns.cli;

import dev.listns.columns.Column;
import dev.listns.columns.TreeRelation;
import dev.listns.model.NamespaceType;
import dev.listns.output.OutputFormat;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * Enum values as users type them. Without these, picocli would offer the upper-case constant names in
 * shell completion and in {@code ${COMPLETION-CANDIDATES}}, while the documentation and every example
 * use lower case.
 */
final class Candidates {
    private Candidates() {
    }

    private abstract static class LowerCase implements Iterable<String> {
        private final Enum<?>[] values;

        LowerCase(Enum<?>[] values) {
            this.values = values;
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }

    static final class Types extends LowerCase {
        Types() {
            super(NamespaceType.values());
        }
    }

    static final class Formats extends LowerCase {
        Formats() {
            super(OutputFormat.values());
        }
    }

    /** Column names, upper case as lsns and its users write them. */
    static final class Columns implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Column.values()).map(Column::header).iterator();
        }
    }

    static final class Relations extends LowerCase {
        Relations() {
            super(TreeRelation.values());
        }
    }
}
