package dev.listns.output;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A small JSON writer for the values listns emits: maps (in their iteration order), collections,
 * strings, numbers, booleans, null and Optionals (empty is null). Compact or indented.
 */
public final class Json {
    private Json() {
    }

    public static String compact(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, -1, 0);
        return out.toString();
    }

    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder(1024);
        write(out, value, 2, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int indent, int depth) {
        if (value instanceof Optional<?> optional) {
            write(out, optional.orElse(null), indent, depth);
        } else if (value instanceof OptionalInt optional) {
            write(out, optional.isPresent() ? (Object) optional.getAsInt() : null, indent, depth);
        } else if (value instanceof OptionalLong optional) {
            write(out, optional.isPresent() ? (Object) optional.getAsLong() : null, indent, depth);
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            container(out, true, map.entrySet(), indent, depth);
        } else if (value instanceof Collection<?> items) {
            container(out, false, items, indent, depth);
        } else {
            string(out, value.toString());
        }
    }

    /**
     * An object ({@code members}: the elements are a map's entries) or an array. One method for both
     * rather than one taking a lambda per element kind: a lambda is a class the JVM spins at start-up.
     */
    private static void container(StringBuilder out, boolean members, Collection<?> elements, int indent, int depth) {
        out.append(members ? '{' : '[');
        boolean first = true;
        for (Object element : elements) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, indent, depth + 1);
            if (members) {
                Map.Entry<?, ?> member = (Map.Entry<?, ?>) element;
                string(out, String.valueOf(member.getKey()));
                out.append(indent < 0 ? ":" : ": ");
                write(out, member.getValue(), indent, depth + 1);
            } else {
                write(out, element, indent, depth + 1);
            }
        }
        if (!first) {
            newline(out, indent, depth);
        }
        out.append(members ? '}' : ']');
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) && !validPair(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
