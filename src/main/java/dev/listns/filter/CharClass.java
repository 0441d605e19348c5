package dev.listns.filter;

import java.util.Locale;
import java.util.Optional;

/**
 * The POSIX character classes ({@code [[:alpha:]]} and friends) and the GNU word class behind {@code \w}
 * and {@code \b}. In ASCII they are exactly the C locale's. Above ASCII, glibc in a UTF-8 locale asks the
 * locale's tables ({@code iswalpha} and so on); Java's Unicode properties are used instead, which agree
 * for letters, case and spaces and may differ at the edges (a symbol glibc calls punctuation, say).
 */
enum CharClass {
    ALPHA, DIGIT, ALNUM, UPPER, LOWER, SPACE, BLANK, PUNCT, PRINT, GRAPH, CNTRL, XDIGIT,
    /** Not a POSIX class: letters, digits and '_', as glibc's {@code \w}, {@code \b}, {@code \<}. */
    WORD;

    static Optional<CharClass> named(String name) {
        for (CharClass c : values()) {
            if (c != WORD && c.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    boolean contains(int cp) {
        switch (this) {
            case ALPHA:
                return cp < 0x80 ? isAsciiLetter(cp) : Character.isLetter(cp);
            case DIGIT:
                return cp >= '0' && cp <= '9'; // glibc's digit class is these ten in every locale
            case ALNUM:
                return ALPHA.contains(cp) || DIGIT.contains(cp);
            case UPPER:
                return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : Character.isUpperCase(cp);
            case LOWER:
                return cp < 0x80 ? cp >= 'a' && cp <= 'z' : Character.isLowerCase(cp);
            case SPACE:
                // Java's isWhitespace leaves out the no-break spaces, as iswspace does.
                return cp < 0x80 ? cp == ' ' || cp >= '\t' && cp <= '\r' : Character.isWhitespace(cp);
            case BLANK:
                return cp < 0x80 ? cp == ' ' || cp == '\t' : Character.isWhitespace(cp) && Character.getType(cp) == Character.SPACE_SEPARATOR;
            case PUNCT:
                return GRAPH.contains(cp) && !ALNUM.contains(cp);
            case PRINT:
                return cp < 0x80 ? cp >= 0x20 && cp < 0x7F : isVisible(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR;
            case GRAPH:
                return cp < 0x80 ? cp > 0x20 && cp < 0x7F : isVisible(cp);
            case CNTRL:
                return Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029;
            case XDIGIT:
                return cp >= '0' && cp <= '9' || cp >= 'a' && cp <= 'f' || cp >= 'A' && cp <= 'F';
            case WORD:
                return cp == '_' || ALNUM.contains(cp);
            default:
                throw new AssertionError(this);
        }
    }

    private static boolean isAsciiLetter(int cp) {
        return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z';
    }

    /** Assigned, and neither a control, a separator nor a surrogate half. */
    private static boolean isVisible(int cp) {
        switch (Character.getType(cp)) {
            case Character.UNASSIGNED:
            case Character.CONTROL:
            case Character.SURROGATE:
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
