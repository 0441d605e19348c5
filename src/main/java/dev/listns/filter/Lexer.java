package dev.listns.filter;

import dev.listns.filter.Token.Kind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits an expression into {@link Token}s as libsmartcols's scanner does:
 * <ul>
 * <li>Column names are an ASCII letter followed by letters, digits and {@code _.%:/-}. The operator
 *     words ({@code and or not eq ne lt le gt ge true false}) are reserved in all lower or all upper
 *     case; {@code And} is a column name. The longest word wins, so {@code andx} is a name too.</li>
 * <li>Numbers are decimal digits, optionally with a binary suffix {@code K M G T P E Z Y}, each
 *     optionally followed by {@code iB} ({@code 4K} = {@code 4KiB} = 4096); or digits, a point and digits
 *     for a float. A number is over where its characters end: {@code 5and} is {@code 5 and}.</li>
 * <li>Strings are in double or single quotes, on one line. libsmartcols has no escapes at all; here a
 *     backslash before the closing quote character keeps that quote in the string ({@code "say \"hi\""}),
 *     and two backslashes stay two backslashes but do not end the string ({@code "C:\\"}). Every other
 *     backslash stays as written, so regular expressions reach the regex engine exactly as lsns
 *     passes them to glibc ({@code "^/usr/s?bin/.*\.sh$"}). Blanks at both ends of a string are dropped,
 *     as libsmartcols drops them.</li>
 * <li>Blanks (space, tab, newline, carriage return) separate tokens.</li>
 * </ul>
 * Where libsmartcols is silent or odd we refuse with a message: a stray character (its scanner would
 * print it to stdout and skip it); a number above 2<sup>64</sup>-1 (strtoumax quietly made it
 * 2<sup>64</sup>-1); a suffixed number with a leading zero is decimal here (libsmartcols reads
 * {@code 010K} as octal).
 */
final class Lexer {
    private static final Map<String, Kind> WORDS = Map.ofEntries(
            Map.entry("and", Kind.AND), Map.entry("or", Kind.OR), Map.entry("not", Kind.NOT),
            Map.entry("eq", Kind.EQ), Map.entry("ne", Kind.NE), Map.entry("lt", Kind.LT),
            Map.entry("le", Kind.LE), Map.entry("gt", Kind.GT), Map.entry("ge", Kind.GE),
            Map.entry("true", Kind.TRUE), Map.entry("false", Kind.FALSE));
    private static final String SUFFIXES = "KMGTPEZY";
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String text;
    private int at;

    private Lexer(String text) {
        this.text = text;
    }

    /** The tokens, ending with one {@link Kind#END}. */
    static List<Token> tokens(String text) throws FilterSyntaxException {
        Lexer lexer = new Lexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    /** The 1-based character position of a char index, as messages give it. */
    static int position(String text, int index) {
        return text.codePointCount(0, Math.min(index, text.length())) + 1;
    }

    private Token next() throws FilterSyntaxException {
        while (at < text.length() && isBlank(text.charAt(at))) {
            at++;
        }
        int start = at;
        if (at >= text.length()) {
            return new Token(Kind.END, start, start, "", null);
        }
        char c = text.charAt(at);
        switch (c) {
            case '(':
                return symbol(Kind.OPEN, 1);
            case ')':
                return symbol(Kind.CLOSE, 1);
            case '&':
                return doubled('&', Kind.AND, "'&' is not an operator; write '&&' or 'and'");
            case '|':
                return doubled('|', Kind.OR, "'|' is not an operator; write '||' or 'or'");
            case '=':
                if (peek(1) == '=') {
                    return symbol(Kind.EQ, 2);
                }
                if (peek(1) == '~') {
                    return symbol(Kind.MATCHES, 2);
                }
                throw error(start, "'=' is not an operator; write '==' to compare or '=~' to match");
            case '!':
                if (peek(1) == '=') {
                    return symbol(Kind.NE, 2);
                }
                return peek(1) == '~' ? symbol(Kind.NOT_MATCHES, 2) : symbol(Kind.NOT, 1);
            case '<':
                return peek(1) == '=' ? symbol(Kind.LE, 2) : symbol(Kind.LT, 1);
            case '>':
                return peek(1) == '=' ? symbol(Kind.GE, 2) : symbol(Kind.GT, 1);
            case '"':
            case '\'':
                return string(c);
            default:
                break;
        }
        if (isDigit(c)) {
            return number();
        }
        if (isLetter(c)) {
            return word();
        }
        throw error(start, "unexpected character " + MessageText.quote(text.substring(start, start + Character.charCount(text.codePointAt(start)))));
    }

    private Token symbol(Kind kind, int length) {
        int start = at;
        at += length;
        return new Token(kind, start, at, text.substring(start, at), null);
    }

    private Token doubled(char c, Kind kind, String otherwise) throws FilterSyntaxException {
        if (peek(1) != c) {
            throw error(at, otherwise);
        }
        return symbol(kind, 2);
    }

    private Token string(char quote) throws FilterSyntaxException {
        int start = at++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= text.length() || text.charAt(at) == '\n') {
                throw error(start, "this string has no closing " + quote + " on its line");
            }
            char c = text.charAt(at);
            if (c == quote) {
                at++;
                break;
            }
            if (c == '\\' && (peek(1) == quote || peek(1) == '\\')) {
                // A quote loses its backslash; a doubled backslash is kept whole (regex escapes live on).
                value.append(peek(1) == quote ? String.valueOf(quote) : "\\\\");
                at += 2;
            } else {
                value.append(c);
                at++;
            }
        }
        return new Token(Kind.STRING, start, at, text.substring(start, at), trimBlanks(value.toString()));
    }

    private Token number() throws FilterSyntaxException {
        int start = at;
        skipDigits();
        if (peek(0) == '.' && isDigit(peek(1))) {
            at++;
            skipDigits();
            return new Token(Kind.FLOAT, start, at, text.substring(start, at), new BigDecimal(text.substring(start, at)));
        }
        BigInteger value = new BigInteger(text.substring(start, at));
        int power = SUFFIXES.indexOf(peek(0)) + 1;
        if (power > 0) {
            at++;
            if (peek(0) == 'i' && peek(1) == 'B') {
                at += 2;
            }
            value = value.shiftLeft(10 * power);
        }
        String written = text.substring(start, at);
        if (value.compareTo(MAX_U64) > 0) {
            throw error(start, "number " + MessageText.quote(written) + " is too large; the largest is " + MAX_U64);
        }
        return new Token(Kind.NUMBER, start, at, written, value.longValue());
    }

    private void skipDigits() {
        while (isDigit(peek(0))) {
            at++;
        }
    }

    private Token word() {
        int start = at;
        while (at < text.length() && isNameCharacter(text.charAt(at))) {
            at++;
        }
        String word = text.substring(start, at);
        Kind kind = isOneCase(word) ? WORDS.get(word.toLowerCase(Locale.ROOT)) : null;
        if (kind != null) {
            return new Token(kind, start, at, word, null);
        }
        return new Token(Kind.NAME, start, at, word, word.toUpperCase(Locale.ROOT));
    }

    /** libsmartcols lists each operator word twice, "and|AND": mixed case is a column name. */
    private static boolean isOneCase(String word) {
        return word.equals(word.toLowerCase(Locale.ROOT)) || word.equals(word.toUpperCase(Locale.ROOT));
    }

    private int peek(int ahead) {
        int index = at + ahead;
        return index < text.length() ? text.charAt(index) : -1;
    }

    private FilterSyntaxException error(int index, String detail) {
        return new FilterSyntaxException(position(text, index), detail);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isNameCharacter(int c) {
        return isLetter(c) || isDigit(c) || "_.%:/-".indexOf(c) >= 0;
    }

    /** What C's isspace() calls blank in the C locale; libsmartcols trims strings and cells of these. */
    static String trimBlanks(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isCSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isCSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
