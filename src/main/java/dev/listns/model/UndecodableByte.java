package dev.listns.model;

/**
 * How text in the model keeps a byte that is not valid UTF-8 (a process may name itself with any
 * bytes): as the lone surrogate U+DC00+byte, the convention Python calls "surrogateescape". Valid
 * text never holds lone surrogates, so the byte survives to the output, which shows it as
 * {@code \xNN}, and to the audit state, which stores it byte for byte.
 */
public final class UndecodableByte {
    private static final int BASE = 0xDC00;

    private UndecodableByte() {
    }

    /** The character that stands for byte {@code b} (0x80 to 0xFF). */
    public static char of(int b) {
        return (char) (BASE + (b & 0xFF));
    }

    /** Whether {@code c} stands for an undecodable byte. */
    public static boolean is(char c) {
        return c >= BASE + 0x80 && c <= BASE + 0xFF;
    }

    /** The byte {@code c} stands for; only for a {@code c} that {@link #is}. */
    public static int byteOf(char c) {
        return c - BASE;
    }
}
