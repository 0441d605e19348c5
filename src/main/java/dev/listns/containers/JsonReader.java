package dev.listns.containers;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A strict RFC 8259 pull reader over JSON text that {@link EngineJson} has already decoded: the caller
 * asks for what it expects next ({@link #beginObject}, {@link #nextName}, {@link #string}...), and
 * anything else is an {@link IOException} that says where: another type, broken grammar, nesting past
 * the bound, a name twice in one object (skipped objects too), anything but whitespace after the root.
 *
 * <p>The grammar is jackson-core 2.22's with its defaults, which read these files before: no comments,
 * trailing commas, single quotes, NaN or Infinity, leading zeros or plus signs; whitespace is space, tab,
 * line feed and carriage return only (a byte order mark is an unexpected character, as in jackson when
 * given a String); a character below U+0020 in a string must be escaped. Each {@code \}{@code uXXXX}
 * is the one UTF-16 unit it names, as in jackson: a pair makes its code point, a lone surrogate stays
 * in the text, where output escapes it like any undecodable character. Where jackson differed:
 * <ul>
 * <li>text after the root value is an error; jackson left it unread, so {@code [] junk} was accepted;
 * <li>no limit on the length of a name (jackson: 50,000 characters) or a number (1,000 digits): no
 *     string can be longer than the file, which {@link StateFileReader} bounds (16 MiB for a store's
 *     list, 4 MiB for a container's file: {@link Lookup}), and numbers are never converted, only skipped.
 * </ul>
 *
 * <p>Made for a cold JVM: one class, a plain index over the String's characters, no lambdas or regular
 * expressions. Skipping builds no string and no collection and does not recurse: open containers are
 * an array of at most {@code maxDepth} entries. Duplicate names are found without strings either: each
 * open object keeps where its names are in the text, and when it closes they are sorted by their
 * decoded characters (heapsort: O(n log n) comparisons whatever a hostile file holds) and neighbours
 * compared.
 */
final class JsonReader {
    private static final byte ARRAY = 0;
    private static final byte ARRAY_MORE = 1;
    private static final byte OBJECT = 2;
    private static final byte OBJECT_MORE = 3;

    private final String text;
    private final int end;
    private final int maxDepth;
    private int at;

    /** How many containers are open; {@code scopes[1..depth]} says what each is and whether it has a member yet. */
    private int depth;
    private final byte[] scopes;
    /** Each open object's names, as pairs (first character, closing quote), from {@code namesFrom[its depth]} on. */
    private int[] names = new int[32];
    private int nameEnd;
    private final int[] namesFrom;

    /** The name {@link #nextName} read last: where its characters are, and whether it has escapes. */
    private int nameStart;
    private int nameClose;
    private boolean nameEscaped;
    /** Whether the string {@link #scanString} scanned last had an escape. */
    private boolean escaped;

    JsonReader(String text, int maxDepth) {
        this.text = text;
        this.end = text.length();
        this.maxDepth = maxDepth;
        this.scopes = new byte[maxDepth + 1];
        this.namesFrom = new int[maxDepth + 1];
    }

    /** Opens the object that must come next. */
    void beginObject() throws IOException {
        if (valueStart() != '{') {
            throw unexpected("an object");
        }
        at++;
        open(OBJECT);
    }

    /** Opens the array that must come next. */
    void beginArray() throws IOException {
        if (valueStart() != '[') {
            throw unexpected("an array");
        }
        at++;
        open(ARRAY);
    }

    /** Whether the next value is an object (nothing is read). */
    boolean nextIsObject() throws IOException {
        return valueStart() == '{';
    }

    /** Reads a {@code null} if one comes next. */
    boolean nextIsNull() throws IOException {
        if (valueStart() != 'n') {
            return false;
        }
        literal("null");
        return true;
    }

    /**
     * In the innermost open object: reads the next member's name and its colon, so that its value comes
     * next, and says true; or reads the object's end, and says false.
     */
    boolean nextName() throws IOException {
        char c = tokenStart("a name or '}'");
        if (c == '}') {
            at++;
            close();
            return false;
        }
        if (scopes[depth] == OBJECT_MORE) {
            if (c != ',') {
                throw unexpected("',' or '}'");
            }
            at++;
            c = tokenStart("a name");
        } else {
            scopes[depth] = OBJECT_MORE;
        }
        if (c != '"') {
            throw unexpected("a name");
        }
        nameStart = ++at;
        nameClose = scanString();
        nameEscaped = escaped;
        at = nameClose + 1;
        if (nameEnd + 2 > names.length) {
            names = Arrays.copyOf(names, names.length * 2);
        }
        names[nameEnd++] = nameStart;
        names[nameEnd++] = nameClose;
        if (tokenStart("':'") != ':') {
            throw unexpected("':'");
        }
        at++;
        return true;
    }

    /** The name {@link #nextName} read. */
    String name() {
        return nameEscaped ? decode(nameStart, nameClose) : text.substring(nameStart, nameClose);
    }

    /** Whether the name {@link #nextName} read is {@code wanted}; without a new string unless it had escapes. */
    boolean nameIs(String wanted) {
        if (nameEscaped) {
            return name().equals(wanted);
        }
        return nameClose - nameStart == wanted.length() && text.startsWith(wanted, nameStart);
    }

    /** In the innermost open array: whether a value comes next (true), or its end, which is read (false). */
    boolean hasNext() throws IOException {
        char c = tokenStart("a value or ']'");
        if (c == ']') {
            at++;
            close();
            return false;
        }
        if (scopes[depth] == ARRAY_MORE) {
            if (c != ',') {
                throw unexpected("',' or ']'");
            }
            at++;
        } else {
            scopes[depth] = ARRAY_MORE;
        }
        return true;
    }

    /** Reads the string that must come next. */
    String string() throws IOException {
        if (valueStart() != '"') {
            throw unexpected("a string");
        }
        int start = ++at;
        int close = scanString();
        at = close + 1;
        return escaped ? decode(start, close) : text.substring(start, close);
    }

    /** Reads past the next value, whatever it is, checking it as strictly as anything read. */
    void skipValue() throws IOException {
        int outer = depth;
        enterValue();
        while (depth > outer) {
            boolean more = scopes[depth] >= OBJECT ? nextName() : hasNext();
            if (more) {
                enterValue();
            }
        }
    }

    /** After the root value: nothing but whitespace may follow. */
    void end() throws IOException {
        if (depth != 0) {
            throw new IllegalStateException("the root value is still open");
        }
        skipWhitespace();
        if (at < end) {
            throw unexpected("the end");
        }
    }

    /** Reads a scalar whole, or opens an object or array, whose members {@link #skipValue} reads on. */
    private void enterValue() throws IOException {
        switch (valueStart()) {
            case '{':
                at++;
                open(OBJECT);
                break;
            case '[':
                at++;
                open(ARRAY);
                break;
            case '"':
                at++;
                at = scanString() + 1;
                break;
            case 't':
                literal("true");
                break;
            case 'f':
                literal("false");
                break;
            case 'n':
                literal("null");
                break;
            default:
                number();
        }
    }

    private void open(byte scope) throws IOException {
        if (depth == maxDepth) {
            throw error("nesting deeper than " + maxDepth, at - 1);
        }
        depth++;
        scopes[depth] = scope;
        namesFrom[depth] = nameEnd;
    }

    private void close() throws IOException {
        if (scopes[depth] >= OBJECT) {
            int from = namesFrom[depth];
            if (hasDuplicateName(from, (nameEnd - from) / 2)) {
                throw error("a name twice in the object that ends", at - 1);
            }
            nameEnd = from;
        }
        depth--;
    }

    /** The first character of the next value; the end of the text is an error. */
    private char valueStart() throws IOException {
        return tokenStart("a value");
    }

    private char tokenStart(String wanted) throws IOException {
        skipWhitespace();
        if (at >= end) {
            throw unexpected(wanted);
        }
        return text.charAt(at);
    }

    private void skipWhitespace() {
        while (at < end) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    private void literal(String word) throws IOException {
        if (!text.startsWith(word, at)) {
            throw unexpected("a value");
        }
        at += word.length();
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, checked and not converted. */
    private void number() throws IOException {
        int start = at;
        if (at < end && text.charAt(at) == '-') {
            at++;
        }
        if (at >= end || !isDigit(text.charAt(at))) {
            throw start == at ? unexpected("a value") : unexpected("a digit");
        }
        if (text.charAt(at) == '0') {
            at++;
            if (at < end && isDigit(text.charAt(at))) {
                throw error("a number with a leading zero", start);
            }
        } else {
            digits();
        }
        if (at < end && text.charAt(at) == '.') {
            at++;
            requireDigits();
        }
        if (at < end && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (at < end && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            requireDigits();
        }
    }

    private void requireDigits() throws IOException {
        if (at >= end || !isDigit(text.charAt(at))) {
            throw unexpected("a digit");
        }
        digits();
    }

    private void digits() {
        while (at < end && isDigit(text.charAt(at))) {
            at++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Checks the string whose first character is at {@link #at} (past the opening quote) and returns
     * where its closing quote is; {@link #escaped} says whether it had an escape.
     */
    private int scanString() throws IOException {
        boolean sawEscape = false;
        int i = at;
        while (true) {
            if (i >= end) {
                throw error("a string without its closing quote", at - 1);
            }
            char c = text.charAt(i);
            if (c == '"') {
                escaped = sawEscape;
                return i;
            }
            if (c == '\\') {
                sawEscape = true;
                i = escapeEnd(i);
            } else if (c < 0x20) {
                throw error("an unescaped control character in a string", i);
            } else {
                i++;
            }
        }
    }

    /** Checks the escape whose backslash is at {@code i}; returns where the character after it is. */
    private int escapeEnd(int i) throws IOException {
        if (i + 1 >= end) {
            throw error("a string without its closing quote", i);
        }
        switch (text.charAt(i + 1)) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                return i + 2;
            case 'u':
                for (int k = i + 2; k < i + 6; k++) {
                    if (k >= end || hexValue(text.charAt(k)) < 0) {
                        throw error("a \\u escape without four hexadecimal digits", i);
                    }
                }
                return i + 6;
            default:
                throw error("an unknown escape", i);
        }
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The characters of a string already checked by {@link #scanString}, escapes decoded. */
    private String decode(int start, int close) {
        StringBuilder out = new StringBuilder(close - start);
        int i = start;
        while (i < close) {
            out.append(decodedAt(i));
            i = nextDecoded(i);
        }
        return out.toString();
    }

    /** The character that the text at {@code i}, a character or a checked escape, stands for. */
    private char decodedAt(int i) {
        char c = text.charAt(i);
        if (c != '\\') {
            return c;
        }
        char kind = text.charAt(i + 1);
        switch (kind) {
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                return (char) (hexValue(text.charAt(i + 2)) << 12 | hexValue(text.charAt(i + 3)) << 8
                        | hexValue(text.charAt(i + 4)) << 4 | hexValue(text.charAt(i + 5)));
            default:
                return kind; // '"', '\\' or '/'
        }
    }

    private int nextDecoded(int i) {
        if (text.charAt(i) != '\\') {
            return i + 1;
        }
        return text.charAt(i + 1) == 'u' ? i + 6 : i + 2;
    }

    /** Whether two of the {@code count} names from {@code names[from]} on are the same; sorts them. */
    private boolean hasDuplicateName(int from, int count) {
        if (count < 2) {
            return false;
        }
        for (int root = count / 2 - 1; root >= 0; root--) {
            siftDown(from, root, count);
        }
        for (int last = count - 1; last > 0; last--) {
            swapNames(from, 0, last);
            siftDown(from, 0, last);
        }
        for (int k = 1; k < count; k++) {
            if (compareNames(from, k - 1, k) == 0) {
                return true;
            }
        }
        return false;
    }

    private void siftDown(int from, int root, int size) {
        while (true) {
            int child = 2 * root + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && compareNames(from, child + 1, child) > 0) {
                child++;
            }
            if (compareNames(from, root, child) >= 0) {
                return;
            }
            swapNames(from, root, child);
            root = child;
        }
    }

    private void swapNames(int from, int a, int b) {
        int ia = from + 2 * a;
        int ib = from + 2 * b;
        int start = names[ia];
        int close = names[ia + 1];
        names[ia] = names[ib];
        names[ia + 1] = names[ib + 1];
        names[ib] = start;
        names[ib + 1] = close;
    }

    /** The names' decoded characters compared, unit by unit, the shorter first where one begins the other. */
    private int compareNames(int from, int a, int b) {
        int i = names[from + 2 * a];
        int iClose = names[from + 2 * a + 1];
        int j = names[from + 2 * b];
        int jClose = names[from + 2 * b + 1];
        while (i < iClose && j < jClose) {
            char x = decodedAt(i);
            char y = decodedAt(j);
            if (x != y) {
                return x - y;
            }
            i = nextDecoded(i);
            j = nextDecoded(j);
        }
        return (i < iClose ? 1 : 0) - (j < jClose ? 1 : 0);
    }

    private IOException unexpected(String wanted) {
        String found;
        if (at >= end) {
            found = "the end";
        } else {
            char c = text.charAt(at);
            String hex = Integer.toHexString(0x10000 | c).toUpperCase(Locale.ROOT);
            found = c > 0x20 && c < 0x7f ? "'" + c + "'" : "U+" + hex.substring(1);
        }
        return error("expected " + wanted + ", found " + found, at);
    }

    private static IOException error(String what, int where) {
        return new IOException("JSON: " + what + " at character " + where);
    }
}
