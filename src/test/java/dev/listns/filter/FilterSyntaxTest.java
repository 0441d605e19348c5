package dev.listns.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expressions that are refused: one line naming the 1-based position and what was wrong. */
class FilterSyntaxTest {

    private static FilterSyntaxException refusal(String expression) {
        FilterSyntaxException e = catchThrowableOfType(FilterSyntaxException.class, () -> Filter.parse(expression));
        assertThat(e).as("refused: %s", expression).isNotNull();
        return e;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        // libsmartcols's own "broken" test cases
        "NUM == 100) => filter: at 11: unexpected ')' with no '(' before it",
        "(NUM == 100 => filter: at 12: expected ')' to close the '(' at 1",
        "` == 100` => filter: at 2: expected a value, found '=='",
        "`NUM == ` => filter: at 8: expected a value after '=='",
        "NUM ** 100 => filter: at 5: unexpected character '*'",
        "NUM = 100 => filter: at 5: '=' is not an operator; write '==' to compare or '=~' to match",
        "NUM == 1y0 => filter: at 9: expected an operator after '1', found 'y0'",
        "NUM == 100 . 5 => filter: at 12: unexpected character '.'",
        // missing values
        "NS == => filter: at 6: expected a value after '=='",
        "NS >= ) => filter: at 7: expected a value after '>=', found ')'",
        "() => filter: at 2: expected a value after '(', found ')'",
        "! => filter: at 2: expected a value after '!'",
        "A && => filter: at 5: expected a value after '&&'",
        "A and or B => filter: at 7: expected a value after 'and', found 'or'",
        "A || || B => filter: at 6: expected a value after '||', found '||'",
        "`   ` => filter: at 4: expected a value",
        "&& A => filter: at 1: expected a value, found '&&'",
        // missing operators
        "A B => filter: at 3: expected an operator after 'A', found 'B'",
        "A And B => filter: at 3: expected an operator after 'A', found 'And'",
        "NS 5 => filter: at 4: expected an operator after 'NS', found '5'",
        "(A B) => filter: at 4: expected an operator or ')' after 'A', found 'B'",
        "100KB == 1 => filter: at 5: expected an operator after '100K', found 'B'",
        "TYPE == 'net' 'pid' => filter: at 15: expected an operator after ''net'', found ''pid''",
        "((A) => filter: at 5: expected ')' to close the '(' at 1",
        "A == (B || (C) => filter: at 15: expected ')' to close the '(' at 6",
        // characters that are not operators
        "A & B => filter: at 3: '&' is not an operator; write '&&' or 'and'",
        "A | B => filter: at 3: '|' is not an operator; write '||' or 'or'",
        "A == -1 => filter: at 6: unexpected character '-'",
        "A == .5 => filter: at 6: unexpected character '.'",
        "_A => filter: at 1: unexpected character '_'",
        "A ; B => filter: at 3: unexpected character ';'",
        "ñ == 1 => filter: at 1: unexpected character 'ñ'",
        // strings
        "TYPE == \"net => filter: at 9: this string has no closing \" on its line",
        "TYPE == 'net => filter: at 9: this string has no closing ' on its line",
        "TYPE == \"net\\\" => filter: at 9: this string has no closing \" on its line",
        // numbers
        "X == 18446744073709551616 => filter: at 6: number '18446744073709551616' is too large; the largest is 18446744073709551615",
        "X == 16E => filter: at 6: number '16E' is too large; the largest is 18446744073709551615",
        "X == 1ZiB => filter: at 6: number '1ZiB' is too large; the largest is 18446744073709551615",
        // regular expressions
        "COMMAND =~ NAME => filter: at 12: expected a regular expression in quotes after '=~', found 'NAME'",
        "COMMAND !~ 5 => filter: at 12: expected a regular expression in quotes after '!~', found '5'",
        "COMMAND =~ !\"x\" => filter: at 12: expected a regular expression in quotes after '=~', found '!'",
        "COMMAND =~ => filter: at 11: expected a value after '=~'",
        "COMMAND =~ \"(a\" => filter: at 12: invalid regular expression '(a': '(' without a matching ')'",
        "COMMAND =~ \"ab(c\" => filter: at 12: invalid regular expression 'ab(c' (at character 3 of it): '(' without a matching ')'",
        "C =~ \"\\d+\" => filter: at 6: invalid regular expression '\\d+': '\\d' is not an escape in POSIX extended regular expressions (for a digit write [0-9])",
        "C =~ \"a{2000}\" => filter: at 6: invalid regular expression 'a{2000}' (at character 2 of it): repetition count above 1024",
    })
    void refusesWithPositionAndReason(String expression, String message) {
        assertThat(refusal(expression)).hasMessage(message);
    }

    @Test
    void positionsCountCharactersNotUtf16Units() {
        assertThat(refusal("TYPE == \"ñ\" B").position()).isEqualTo(13);
        assertThat(refusal("TYPE == \"\uD83D\uDE00\" B").position()).isEqualTo(13);
        assertThat(refusal("TYPE == \"\uD83D\uDE00\" B").getMessage())
                .isEqualTo("filter: at 13: expected an operator after '\"\uD83D\uDE00\"', found 'B'");
    }

    @Test
    void positionAndDetailAreThereApartToo() {
        FilterSyntaxException e = refusal("NS ==");
        assertThat(e.position()).isEqualTo(6);
        assertThat(e.detail()).isEqualTo("expected a value after '=='");
    }

    @Test
    void controlCharactersAreEscapedInMessages() {
        assertThat(refusal("A \u0007 B")).hasMessage("filter: at 3: unexpected character '\\x07'");
        assertThat(refusal("TYPE == \"net\nx\"")).hasMessage("filter: at 9: this string has no closing \" on its line");
        assertThat(refusal("A \u202E")).hasMessage("filter: at 3: unexpected character '\\u202e'");
        assertThat(refusal("A \"\u001b[2J\"")).hasMessage("filter: at 3: expected an operator after 'A', found '\"\\x1b[2J\"'");
    }

    @Test
    void longTokensAreShortenedInMessages() {
        String longName = "N".repeat(500);
        assertThat(refusal("A " + longName).getMessage())
                .isEqualTo("filter: at 3: expected an operator after 'A', found '" + "N".repeat(40) + "...'");
    }

    @Test
    void expressionsAreAtMost1024BytesAsInLibsmartcols() throws FilterSyntaxException {
        String longest = "X == \"" + "a".repeat(Parser.MAX_BYTES - 7) + "\"";
        assertThat(longest).hasSize(1024);
        assertThat(Filter.parse(longest).columns()).containsExactly("X");

        assertThat(refusal(longest + " ")).hasMessage("filter: at 1025: the expression is longer than 1024 bytes");
        // Bytes of UTF-8, as libsmartcols counts with strlen: 'é' is two.
        String accented = "X == \"" + "é".repeat(600) + "\"";
        assertThat(refusal(accented).detail()).isEqualTo("the expression is longer than 1024 bytes");
        assertThat(refusal(accented).position()).isEqualTo(7 + 509);
        assertThat(refusal("x".repeat(1_000_000)).position()).isEqualTo(1025);
    }

    @Test
    void atMost256ValuesAndOperators() throws FilterSyntaxException {
        // n columns joined by n-1 '||' are 2n-1 nodes: 255 is fine, 257 is not.
        String fine = "A" + " || A".repeat(127);
        assertThat(Filter.parse(fine).matches(column -> FilterValue.number(1))).isTrue();
        String tooMany = fine + " || A";
        FilterSyntaxException e = refusal(tooMany);
        assertThat(e.detail()).isEqualTo("the expression has more than 256 values and operators");
        assertThat(e.position()).isEqualTo(tooMany.lastIndexOf("||") + 1);
    }

    @Test
    void nestingIsBounded() throws FilterSyntaxException {
        String deepest = "(".repeat(Parser.MAX_DEPTH) + "A" + ")".repeat(Parser.MAX_DEPTH);
        assertThat(Filter.parse(deepest).matches(column -> FilterValue.text("x"))).isTrue();
        assertThat(refusal("(" + deepest + ")")).hasMessage("filter: at 101: parentheses and '!' nest more than 100 deep");

        String negated = "!".repeat(Parser.MAX_DEPTH) + "A";
        assertThat(Filter.parse(negated).matches(column -> FilterValue.text("x"))).as("an even number of '!'").isTrue();
        assertThat(refusal("!" + negated)).hasMessage("filter: at 101: parentheses and '!' nest more than 100 deep");
        assertThat(refusal("(!".repeat(60) + "A").detail()).isEqualTo("parentheses and '!' nest more than 100 deep");
    }

    @Test
    void regularExpressionsAreAtMost256BytesAndBoundedOnceWrittenOut() {
        assertThat(refusal("C =~ \"" + "a".repeat(257) + "\"").detail())
                .endsWith(": the regular expression is longer than 256 bytes");
        assertThat(refusal("C =~ \"((a{1000}){1000}){1000}\"").detail())
                .endsWith(": the regular expression repeats too much (more than 10000 steps once its repetitions are written out)");
    }

    @Test
    void aNullExpressionIsAProgrammingError() {
        assertThatThrownBy(() -> Filter.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
