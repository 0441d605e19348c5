package dev.listns.audit;

/**
 * The escaping of one field of a state line. Fields are separated by single spaces, so a field never
 * contains a space; the file is pure ASCII, so any string survives byte for byte, including the
 * undecodable bytes listns keeps in a command line. Escapes: {@code \\} backslash, {@code \s} space,
 * {@code \-} a dash, {@code \e} the empty string (the whole field), {@code \}{@code uXXXX} any other
 * character outside ASCII 0x21..0x7E. A field that is exactly {@code -} means "absent", which is why a
 * string's leading dash is escaped.
 */
final class StateFields {
    static final String ABSENT = "-";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private StateFields() {
    }

    static String escape(String text) {
        if (text.isEmpty()) {
            return "\\e";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == ' ') {
                out.append("\\s");
            } else if (c == '-' && i == 0) {
                out.append("\\-");
            } else if (c > 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException with the reason, for the reader to put a line number on */
    static String unescape(String field) {
        if (field.equals("\\e")) {
            return "";
        }
        if (field.isEmpty() || field.equals(ABSENT)) {
            throw new IllegalArgumentException("missing value");
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= field.length()) {
                throw new IllegalArgumentException("backslash at end of field");
            }
            char escape = field.charAt(++i);
            switch (escape) {
                case '\\' -> out.append('\\');
                case 's' -> out.append(' ');
                case '-' -> out.append('-');
                case 'u' -> {
                    if (i + 4 >= field.length()) {
                        throw new IllegalArgumentException("incomplete \\u escape");
                    }
                    out.append((char) hex(field.substring(i + 1, i + 5)));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + escape);
            }
        }
        return out.toString();
    }

    private static int hex(String digits) {
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), 16);
            if (digit < 0) {
                throw new IllegalArgumentException("bad \\u escape");
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
