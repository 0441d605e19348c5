package dev.listns.filter;

import static dev.listns.filter.FilterValue.absent;
import static dev.listns.filter.FilterValue.number;
import static dev.listns.filter.FilterValue.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What expressions mean: operators, types, absent values, precedence, quoting, and which columns are asked for. */
class FilterTest {

    /** One lsns-like row; each column is typed as the caller would type it. */
    private static final Map<String, FilterValue> ROW = row(
            "NS", number(4026531836L), "NPROCS", number(3), "PID", number(1234), "UID", number(0),
            "BIG", number(-1L), "TYPE", text("net"), "COMMAND", text("/usr/bin/sleep 600"),
            "USER", text("root"), "NETNSID", text("5"), "PADDED", text("  x \t"), "EMPTY", text(""),
            "FLAG", text("yes"), "RATIO", text("2.50"), "QUOTED", text("say \"hi\""),
            "PNS", absent(), "NSFS", absent());

    private static Map<String, FilterValue> row(Object... namesAndValues) {
        Map<String, FilterValue> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], (FilterValue) namesAndValues[i + 1]);
        }
        return row;
    }

    /** Answers from a map, remembering what was asked; an unknown column is a test bug. */
    private static final class RecordingInput implements FilterInput {
        private final Map<String, FilterValue> values;
        final List<String> asked = new ArrayList<>();

        RecordingInput(Map<String, FilterValue> values) {
            this.values = values;
        }

        @Override
        public FilterValue value(String column) {
            asked.add(column);
            assertThat(values).as("a column the test row has").containsKey(column);
            return values.get(column);
        }
    }

    private static boolean matches(String expression) throws FilterSyntaxException {
        return Filter.parse(expression).matches(new RecordingInput(ROW));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        // every operator on numbers, in symbols and words
        "NPROCS == 3 => true", "NPROCS != 3 => false", "NPROCS < 4 => true", "NPROCS < 3 => false",
        "NPROCS <= 3 => true", "NPROCS <= 2 => false", "NPROCS > 2 => true", "NPROCS > 3 => false",
        "NPROCS >= 3 => true", "NPROCS >= 4 => false",
        "NPROCS eq 3 => true", "NPROCS ne 3 => false", "NPROCS lt 4 => true", "NPROCS le 3 => true",
        "NPROCS gt 3 => false", "NPROCS ge 3 => true",
        "NPROCS EQ 3 => true", "NPROCS NE 2 => true", "NPROCS LT 3 => false", "NPROCS LE 2 => false",
        "NPROCS GT 2 => true", "NPROCS GE 4 => false",
        "NS == 4026531836 => true", "NS > 4026531835 => true",
        "3 < NPROCS => false", "4 > NPROCS => true",
        "PID == NPROCS => false", "PID > NPROCS => true",
        // unsigned 64-bit
        "BIG == 18446744073709551615 => true", "BIG > 9223372036854775807 => true", "BIG > 1 => true",
        // binary suffixes
        "1K == 1024 => true", "1KiB == 1024 => true", "2M == 2097152 => true", "3G == 3221225472 => true",
        "1E == 1152921504606846976 => true", "15E < BIG => true", "NPROCS < 1K => true",
        // floats: a number meeting a float is compared as a float
        "NPROCS > 2.5 => true", "NPROCS < 3.5 => true", "NPROCS == 3.0 => true", "NPROCS == 3.01 => false",
        "RATIO == 2.5 => true", "RATIO < 2.51 => true", "2.5 < 2.50001 => true",
        // every operator on text, compared as strcmp compares
        "TYPE == \"net\" => true", "TYPE != \"net\" => false", "TYPE < \"pid\" => true", "TYPE < \"net\" => false",
        "TYPE <= \"net\" => true", "TYPE > \"mnt\" => true", "TYPE > \"net\" => false", "TYPE >= \"nett\" => false",
        "TYPE eq 'net' => true", "TYPE ne 'ipc' => true", "TYPE == USER => false", "TYPE < USER => true",
        "\"a\" < \"b\" => true", "\"b\" < \"a\" => false", "\"ab\" > \"a\" => true",
        // a number column against a string literal: as text, as libsmartcols does
        "NS == \"4026531836\" => true", "NPROCS < \"10\" => false", "NPROCS > \"10\" => true",
        // a text column against a number literal: as a number when it is one
        "NETNSID == 5 => true", "NETNSID > 4 => true", "NETNSID < 4.5 => false",
        // ... and no comparison at all when it is not: every operator is false, != too
        "USER == 0 => false", "USER != 0 => false", "USER > 0 => false", "TYPE < 1.5 => false",
        // literals on both sides: the left decides
        "5 == \"5\" => true", "\"5\" == 5 => true", "\"abc\" == 5 => false",
        "1.5 == \"1.50\" => true", "\"1.50\" == 1.5 => false", "\"1.5\" == 1.5 => true",
        "\"1e+06\" == 1000000.0 => true", "\"0.0001\" == 0.0001 => true", "\"1e-05\" == 0.00001 => true",
        "\"123457\" == 123456.7 => true", "\"1.23457e+06\" == 1234567.0 => true", "\"0\" == 0.0 => true",
        // text read as a number: digits, an optional '+', nothing else
        "5 == \"+5\" => true", "5 == \" 5 \" => true", "5 == \"5x\" => false", "5 != \"5x\" => false",
        "5 != \"-5\" => false", "1 < \"18446744073709551616\" => false", "1.5 < \"1e3\" => true",
        // booleans
        "true => true", "false => false", "TRUE => true", "FALSE => false", "true == TRUE => true",
        "FLAG == true => true", "FLAG != false => true", "USER == true => false", "USER == false => true",
        "NPROCS == true => true", "UID == false => true", "false < true => true",
        // a value alone: present and not empty or zero
        "TYPE => true", "NPROCS => true", "UID => false", "EMPTY => false", "PNS => false", "!PNS => true",
        "\"abc\" => true", "\"\" => false", "0 => false", "1 => true", "0.0 => false", "0.5 => true",
        // absent values: no comparison as a number, a NULL string as text
        "PNS == 0 => false", "PNS != 0 => false", "PNS > 0 => false", "PNS < 0 => false", "PNS == true => false",
        "PNS == \"x\" => false", "PNS != \"x\" => true", "PNS < \"\" => true", "PNS == \"\" => false",
        "PNS >= \"\" => false", "PNS == NSFS => false", "PNS != NSFS => false", "PNS == NPROCS => false",
        "PNS != NPROCS => false", "NPROCS != PNS => false",
        // blanks around cells and strings do not count
        "PADDED == \"x\" => true", "PADDED == \" x \" => true", "PADDED =~ \"^x$\" => true", "\" \" => false",
        // the empty text is a value, unlike an absent one
        "EMPTY == \"\" => true", "EMPTY != \"\" => false", "EMPTY < \"a\" => true", "EMPTY =~ \"^$\" => true",
        // regular expressions
        "COMMAND =~ \"sleep\" => true", "COMMAND !~ \"sleep\" => false", "COMMAND =~ \"^sleep\" => false",
        "COMMAND =~ \"^/usr/s?bin/\" => true", "COMMAND =~ \"[[:digit:]]+$\" => true",
        "TYPE =~ \"^(net|pid)$\" => true", "TYPE =~ '^(mnt|pid)$' => false", "COMMAND =~ (\"600\") => true",
        "NS =~ \"^40265\" => true", "NS !~ \"^40265\" => false", "BIG =~ \"^18446744073709551615$\" => true",
        "PNS =~ \"^$\" => true", "PNS =~ \".\" => false", "PNS !~ \".\" => true",
        "COMMAND =~ \"\" => true", "TYPE == \"net\" =~ \"true\" => true",
        // column names in any case, as lsns accepts them
        "type == \"net\" => true", "Type == \"net\" => true", "nProcs > 1 => true",
        // quoting: the delimiting quote escaped, the other quote plain, other backslashes kept
        "QUOTED == \"say \\\"hi\\\"\" => true", "QUOTED == 'say \"hi\"' => true",
        "'it\\'s' == \"it's\" => true", "\"a\\\\b\" =~ \"^a\\\\\\\\b$\" => true",
        "\"a.b\" =~ \"^a\\.b$\" => true", "\"axb\" =~ \"^a\\.b$\" => false",
        "\"C:\\\\\" == 'C:\\\\' => true", "\"ñ\" > \"n\" => true", "\"\uD83D\uDE00\" > \"\uFFFD\" => true",
    })
    void evaluates(String expression, boolean expected) throws FilterSyntaxException {
        assertThat(matches(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        // && and || bind equally and group from the left, as libsmartcols's grammar has them
        "true || true && false => false", "true or true and false => false", "TRUE OR TRUE AND FALSE => false",
        "false && true || true => true", "true || false || false => true", "false && false || true => true",
        "true || (true && false) => true",
        // ! binds tightest, also before comparisons
        "!false && false => false", "!(false && false) => true", "not false => true", "NOT true => false",
        "!!true => true", "! ! ! true => false",
        "!TYPE == \"net\" => true", "not TYPE == \"net\" => true", "!(TYPE == \"net\") => false",
        // comparisons group from the left
        "1 < 2 == true => true", "3 > 2 > 1 => false", "TYPE == \"net\" == true => true",
        // parentheses
        "(NPROCS > 1 || PID == 1) && TYPE == \"net\" => true", "NPROCS > 1 || (PID == 1 && TYPE == \"pid\") => true",
        "((((TYPE)))) => true", "(TYPE == \"pid\") || (USER == \"root\" && (UID == 0)) => true",
        // the lsns manual's example
        "USER != \"root\" and NPROCS > 1 => false", "USER == \"root\" and NPROCS > 1 => true",
        // tokens need no blanks where their characters end
        "NPROCS==3&&TYPE==\"net\" => true", "NPROCS==3and TYPE=='net' => true", "(NPROCS)&&!PNS => true",
    })
    void precedenceAndParentheses(String expression, boolean expected) throws FilterSyntaxException {
        evaluates(expression, expected);
    }

    @Test
    void columnsAreTheNamesUsedUpperCasedInOrderOfFirstUse() throws FilterSyntaxException {
        Filter filter = Filter.parse("type == \"net\" && NPROCS > 1 || Type =~ \"x\" || maj:min.x-y/z%w");
        assertThat(filter.columns()).containsExactly("TYPE", "NPROCS", "MAJ:MIN.X-Y/Z%W");
        assertThatThrownBy(() -> filter.columns().add("PID")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Filter.parse("1 == 1 && \"TYPE\" == 'x'").columns()).isEmpty();
    }

    @Test
    void columnsAreAskedForOnlyWhenNeededAndOnlyOnce() throws FilterSyntaxException {
        RecordingInput input = new RecordingInput(ROW);
        assertThat(Filter.parse("NPROCS > 1 && NPROCS < 10 && nprocs != 5").matches(input)).isTrue();
        assertThat(input.asked).containsExactly("NPROCS");

        input = new RecordingInput(ROW);
        assertThat(Filter.parse("TYPE == \"pid\" && COMMAND =~ \"sleep\"").matches(input)).isFalse();
        assertThat(input.asked).as("&& stops at a false left side").containsExactly("TYPE");

        input = new RecordingInput(ROW);
        assertThat(Filter.parse("TYPE == \"net\" || COMMAND =~ \"sleep\"").matches(input)).isTrue();
        assertThat(input.asked).as("|| stops at a true left side").containsExactly("TYPE");
    }

    @Test
    void eachMatchAsksAgainForItsOwnRow() throws FilterSyntaxException {
        Filter filter = Filter.parse("TYPE == \"net\"");
        assertThat(filter.matches(column -> text("net"))).isTrue();
        assertThat(filter.matches(column -> text("pid"))).isFalse();
        assertThat(filter.matches(column -> absent())).isFalse();
    }

    @Test
    void anEmptyExpressionMatchesEveryRowAsInLibsmartcols() throws FilterSyntaxException {
        Filter filter = Filter.parse("");
        assertThat(filter.columns()).isEmpty();
        RecordingInput input = new RecordingInput(ROW);
        assertThat(filter.matches(input)).isTrue();
        assertThat(input.asked).isEmpty();
    }

    @Test
    void aColumnWithoutAValueIsAProgrammingError() throws FilterSyntaxException {
        Filter filter = Filter.parse("PID == 1");
        assertThatThrownBy(() -> filter.matches(column -> null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("no value for column PID");
    }

    @Test
    void valuesSayWhatTheyHold() {
        assertThat(number(-1L)).hasToString("Number[18446744073709551615]");
        assertThat(absent()).isEqualTo(new FilterValue.Absent());
        assertThat(text("x")).isEqualTo(new FilterValue.Text("x"));
        assertThatThrownBy(() -> text(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theFilterShowsItsExpression() throws FilterSyntaxException {
        assertThat(Filter.parse("TYPE == 'net'")).hasToString("TYPE == 'net'");
    }

    @Test
    @Timeout(20)
    void aLongestExpressionOfPathologicalPatternsOverAHugeValueStaysBounded() throws FilterSyntaxException {
        // Each pattern would make a backtracking engine run for ages on this text; 1024 bytes hold 35 of them.
        StringBuilder expression = new StringBuilder("C =~ \"^(a+)+$\"");
        while (expression.length() + 29 <= Parser.MAX_BYTES) {
            expression.append(" || C =~ \"^(a|aa)+(b|c)+$\"");
        }
        Filter filter = Filter.parse(expression.toString());
        String hostile = "a".repeat(200_000) + "!";
        assertThat(filter.matches(column -> text(hostile))).isFalse();
    }
}
