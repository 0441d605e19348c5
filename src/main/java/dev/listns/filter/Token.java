package dev.listns.filter;

/**
 * One word of a filter expression.
 *
 * @param start index of its first char in the expression; {@code end} one past its last
 * @param value the unquoted text of a string, the {@code Long} (unsigned) of a number, the
 *              {@code BigDecimal} of a float, the upper-case name of a column; else null
 */
record Token(Kind kind, int start, int end, String text, Object value) {

    enum Kind {
        OPEN, CLOSE, AND, OR, NOT,
        EQ, NE, LT, LE, GT, GE, MATCHES, NOT_MATCHES,
        TRUE, FALSE, NUMBER, FLOAT, STRING, NAME,
        END;

        boolean isComparison() {
            return compareTo(EQ) >= 0 && compareTo(NOT_MATCHES) <= 0;
        }

        boolean isLogical() {
            return this == AND || this == OR;
        }
    }

    /** For messages: the token as written, quoted and made safe to print. */
    String quoted() {
        return MessageText.quote(text);
    }
}
