package dev.listns.output;

import dev.listns.model.UndecodableByte;

/**
 * Makes text from /proc safe to print: nothing a process named itself can move the cursor, change
 * the terminal, split a line or hide text. Control characters and bytes that were not valid UTF-8
 * become {@code \xNN}, invisible format characters {@code \\uNNNN}, and a backslash is doubled, so
 * the escaped text is unambiguous.
 */
public final class TerminalSafe {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalSafe() {
    }

    public static String escape(String text) {
        int i = 0;
        while (i < text.length() && isPlain(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isPlain(c)) {
                out.append(c);
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x80 || UndecodableByte.is(c)) {
                int b = c < 0x80 ? c : UndecodableByte.byteOf(c);
                out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
            } else if (isVisiblePair(text, i)) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** A valid surrogate pair for a character that shows (not, e.g., a tag character that hides text). */
    private static boolean isVisiblePair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                && Character.getType(text.codePointAt(i)) != Character.FORMAT;
    }

    private static boolean isPlain(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return c != '\\';
        }
        if (c < 0xA0) {
            return false;
        }
        return !Character.isSurrogate(c) && !isInvisibleFormat(c);
    }

    /** Bidi overrides, zero-width and line/paragraph separators: they reorder or hide what a reader sees. */
    private static boolean isInvisibleFormat(char c) {
        return Character.getType(c) == Character.FORMAT || c == '\u2028' || c == '\u2029';
    }
}
