package dev.listns.output;

import dev.listns.model.UndecodableByte;

/**
 * Text for raw output ({@code -r}), where a blank separates columns and a line ends a row, made the way
 * lsns's raw output makes it so that scripts read both alike: of the text's UTF-8 bytes, every blank,
 * backslash, control character and byte above 0x7E becomes {@code \xNN}; the rest is printed as is.
 * Unambiguous (a backslash is always an escape) and plain ASCII, so nothing reaches a terminal raw.
 */
public final class RawText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RawText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                byteOut(out, c);
            } else if (UndecodableByte.is(c)) {
                byteOut(out, UndecodableByte.byteOf(c));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                byteOut(out, 0xF0 | codePoint >> 18);
                byteOut(out, 0x80 | codePoint >> 12 & 0x3F);
                byteOut(out, 0x80 | codePoint >> 6 & 0x3F);
                byteOut(out, 0x80 | codePoint & 0x3F);
            } else if (c < 0x800) {
                byteOut(out, 0xC0 | c >> 6);
                byteOut(out, 0x80 | c & 0x3F);
            } else {
                // A lone surrogate, never in text from the model, still comes out as three escaped bytes.
                byteOut(out, 0xE0 | c >> 12);
                byteOut(out, 0x80 | c >> 6 & 0x3F);
                byteOut(out, 0x80 | c & 0x3F);
            }
        }
        return out.toString();
    }

    private static void byteOut(StringBuilder out, int b) {
        if (b > ' ' && b < 0x7F && b != '\\') {
            out.append((char) b);
        } else {
            out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
        }
    }
}
