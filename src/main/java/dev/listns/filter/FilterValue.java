package dev.listns.filter;

import java.util.Objects;

/**
 * One column's value in one row, as the caller gives it to {@link Filter#matches}. The caller decides
 * each column's type, as lsns does when it tells libsmartcols which columns are numbers: a number
 * column is compared numerically with a number, a text column as text with text, and each is converted
 * when the other side is of the other type (see {@link Filter}).
 */
public sealed interface FilterValue {

    static FilterValue text(String value) {
        return new Text(value);
    }

    /** @param unsignedValue read as an unsigned 64-bit number, see {@link Number} */
    static FilterValue number(long unsignedValue) {
        return new Number(unsignedValue);
    }

    static FilterValue absent() {
        return Absent.INSTANCE;
    }

    /**
     * Text, compared character by character in code point order (the order of its UTF-8 bytes, as
     * {@code strcmp} compares them in libsmartcols). Blanks at either end do not count, as libsmartcols
     * trims every cell before it compares.
     */
    record Text(String value) implements FilterValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An unsigned 64-bit number, such as an inode number or a kernel namespace id: the 64 bits of
     * {@code unsignedValue} read as unsigned, so {@code -1L} stands for 18446744073709551615. This is
     * libsmartcols's number type too; it has no negative numbers.
     */
    record Number(long unsignedValue) implements FilterValue {
        @Override
        public String toString() {
            return "Number[" + Long.toUnsignedString(unsignedValue) + "]";
        }
    }

    /**
     * No value in this row (a namespace with no process has no PID; only network namespaces have a
     * NETNSID). Compared as libsmartcols compares an empty cell: see {@link Filter}.
     */
    record Absent() implements FilterValue {
        private static final Absent INSTANCE = new Absent();
    }
}
