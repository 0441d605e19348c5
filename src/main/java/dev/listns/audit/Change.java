package dev.listns.audit;

import dev.listns.model.Namespace;

import java.util.Comparator;

/**
 * A namespace that appeared or disappeared since the recorded state. For one that disappeared,
 * {@code namespace} is as recorded then, holders included.
 */
public record Change(Kind kind, Namespace namespace) {

    public enum Kind {
        // Declared in print order: for a reused inode the old namespace goes before the new one.
        DISAPPEARED("disappeared", '-'),
        APPEARED("appeared", '+');

        private final String label;
        private final char sign;

        Kind(String label, char sign) {
            this.label = label;
            this.sign = sign;
        }

        public String label() {
            return label;
        }

        public char sign() {
            return sign;
        }
    }

    /** By namespace id, so a reused inode prints as a '-' line directly followed by its '+' line. */
    public static final Comparator<Change> ORDER = new Comparator<>() {
        // Written out, not Comparator.comparing's lambdas: see StateWriter.
        @Override
        public int compare(Change a, Change b) {
            int byId = a.namespace().id().compareTo(b.namespace().id());
            return byId != 0 ? byId : a.kind().compareTo(b.kind());
        }
    };
}
