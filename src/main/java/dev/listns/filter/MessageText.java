package dev.listns.filter;

/** Pieces of the user's expression put into an error message: one printable line, not too long. */
final class MessageText {
    private static final int MAX_SHOWN = 40;

    private MessageText() {
    }

    /** In single quotes; control and invisible format characters as {@code \xNN} or {@code \\uNNNN}. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (++shown > MAX_SHOWN) {
                out.append("...");
                break;
            }
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", c));
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SURROGATE) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.append('\'').toString();
    }
}
