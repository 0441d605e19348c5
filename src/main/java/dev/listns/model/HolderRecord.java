package dev.listns.model;

/**
 * A holder as a flat record of typed fields, which the audit state stores one per line. The holder
 * kinds in {@link Holders} say which fields they have and in which order; the audit package says how
 * each type of field is written, so the format follows from the kinds without a list of its own.
 */
public final class HolderRecord {
    private HolderRecord() {
    }

    /** Takes a holder's fields in order. */
    public interface Writer {
        void integer(int value);

        void flag(boolean value);

        void text(String value);

        void namespace(NamespaceId id);

        void process(ProcessInfo process);
    }

    /** Gives a record's fields back in the order they were written; each call throws IllegalArgumentException on a bad field. */
    public interface Reader {
        int integer();

        boolean flag();

        String text();

        NamespaceId namespace();

        ProcessInfo process();
    }
}
