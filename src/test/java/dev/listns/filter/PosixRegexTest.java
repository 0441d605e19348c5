package dev.listns.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PosixRegexTest {

    private static boolean find(String pattern, String text) throws RegexSyntaxException {
        return PosixRegex.compile(pattern).find(text);
    }

    /** Expected results are those of glibc's regexec with REG_EXTENDED, as libsmartcols calls it. */
    @ParameterizedTest(name = "/{0}/ in ''{1}'': {2}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        // ordinary characters, search anywhere
        "aaa.* => aaaa => true",
        "aaa.* => bbb => false",
        "sleep => /usr/bin/sleep 600 => true",
        "sleep => sslseep ssleep => true",
        "abab => aabaabab => true",
        "net\\b => xnetnet net. => true",
        "net\\b => xnetnetx netx => false",
        "`` => `` => true",
        "`` => anything => true",
        "() => x => true",
        // anchors are anchors anywhere and mean the whole text's ends
        "^net$ => net => true",
        "^net$ => nett => false",
        "^net$ => xnet => false",
        "a$b => a$b => false",
        "a^b => a^b => false",
        "\\$ => cost $5 => true",
        "(^|/)sleep$ => /bin/sleep => true",
        "(^|/)sleep$ => sleep => true",
        "(^|/)sleep$ => xsleep => false",
        "\\`ab\\' => ab => true",
        "\\`ab\\' => xab => false",
        // alternation and grouping
        "a|b => xbx => true",
        "a|b => xyz => false",
        "^(ab|cd)+e$ => abcdabe => true",
        "^(ab|cd)+e$ => e => false",
        "^(a|)+b$ => b => true",
        "^x*$ => `` => true",
        "a) => a) => true",
        "a| => zzz => true",
        // repetition
        "colou?r => color => true",
        "colou?r => colour => true",
        "colou?r => colouur => false",
        "^a{2,3}$ => a => false",
        "^a{2,3}$ => aa => true",
        "^a{2,3}$ => aaa => true",
        "^a{2,3}$ => aaaa => false",
        "^a{2}$ => aa => true",
        "^a{2,}$ => aaaaaa => true",
        "^a{2,}$ => a => false",
        "^xa{,2}y$ => xaay => true",
        "^xa{,2}y$ => xaaay => false",
        "^a{0}b$ => b => true",
        "^(ab){2}$ => abab => true",
        "^(ab){2}$ => ab => false",
        "^a**$ => aaa => true",
        "^(a+)+$ => aaa => true",
        // bracket expressions
        "^[abc]+$ => cab => true",
        "^[abc]+$ => cad => false",
        "^[a-z]+$ => net => true",
        "^[^a-z]+$ => NET => true",
        "[]a] => ] => true",
        "[^]a] => ] => false",
        "[^]a] => b => true",
        "^[a-]$ => - => true",
        "^[--/]$ => . => true",
        "^[\\.]$ => \\ => true",
        "^[\\.]$ => . => true",
        "^[\\.]$ => x => false",
        "^[[:digit:]]+$ => 4026531836 => true",
        "^[[:digit:]]+$ => 40x => false",
        "^[[:alpha:]]+$ => abcXYZ => true",
        "^[[:alpha:]]+$ => é => true",
        "^[[:alpha:]]$ => 1 => false",
        "^[[:upper:]]+$ => NET => true",
        "^[[:upper:]]+$ => Net => false",
        "^[[:xdigit:]]+$ => 0afF => true",
        "^[[:punct:]]$ => ! => true",
        "^[[:space:][:digit:]]+$ => 1 2 => true",
        "^[[=a=]]$ => a => true",
        "^[[.-.]a]$ => - => true",
        "[[:alpha:]] => : => false",
        "[:alpha:] => : => true",
        // GNU escapes
        "^\\w+$ => net_ns1 => true",
        "^\\w+$ => net-ns => false",
        "\\W => net-ns => true",
        "\\s => a b => true",
        "\\S => `   ` => false",
        "\\bnet\\b => a net b => true",
        "\\bnet\\b => network => false",
        "\\Bwork => network => true",
        "\\Bnet => net => false",
        "\\<net => subnet => false",
        "\\<net => net0 => true",
        "net\\> => netns => false",
        "net\\> => a net => true",
        "a\\.b => a.b => true",
        "a\\.b => axb => false",
        "a\\|b => a|b => true",
        "\\( => f(x) => true",
        // characters beyond one UTF-16 unit count as one
        "^.$ => \uD83D\uDE00 => true",
        "^..$ => \uD83D\uDE00 => false",
    })
    void matchesAsGlibcDoes(String pattern, String text, boolean expected) throws RegexSyntaxException {
        assertThat(find(pattern, text)).isEqualTo(expected);
    }

    @Test
    void dotAndNegatedSetsMatchNewlinesBecauseThereIsNoRegNewline() throws RegexSyntaxException {
        assertThat(find("a.c", "a\nc")).isTrue();
        assertThat(find("a[^x]c", "a\nc")).isTrue();
        assertThat(find("^a$", "a\n")).as("$ is only the end of the text").isFalse();
        assertThat(Pattern.compile("^a$").matcher("a\n").find()).as("where Java's $ differs").isTrue();
    }

    @Test
    void dotDoesNotMatchNul() throws RegexSyntaxException {
        assertThat(find("a.c", "a\0c")).isFalse();
        assertThat(find("a[^x]c", "a\0c")).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "*a => nothing before it to repeat",
        "a|*b => nothing before it to repeat",
        "(+a) => nothing before it to repeat",
        "^* => nothing before it to repeat",
        "a\\b* => nothing before it to repeat",
        "{2} => nothing before it to repeat",
        "a{ => {n}, {n,}, {n,m} or {,m}",
        "a{x} => {n}, {n,}, {n,m} or {,m}",
        "a{} => {n}, {n,}, {n,m} or {,m}",
        "a{1,2 => {n}, {n,}, {n,m} or {,m}",
        "a{3,2} => minimum above its maximum",
        "a{1025} => repetition count above 1024",
        "a{1,99999} => repetition count above 1024",
        "(a => '(' without a matching ')'",
        "((a) => '(' without a matching ')'",
        "[a => '[' without a matching ']'",
        "[] => '[' without a matching ']'",
        "[z-a] => range z-a runs backwards",
        "[a-c-e] => '-' right after a range",
        "[[:foo:]] => unknown character class [:foo:]",
        "[[:alpha: => '[:' without a matching ':]'",
        "[[.ab.]] => only single characters",
        "[a-[:digit:]] => cannot end with a character class",
        "(a)\\1 => back-references",
        "\\d => (for a digit write [0-9])",
        "\\n => not an escape in POSIX extended",
        "a\\ => escapes nothing",
    })
    void refusesWhatDoesNotCompile(String pattern, String message) {
        assertThatThrownBy(() -> PosixRegex.compile(pattern))
                .isInstanceOf(RegexSyntaxException.class)
                .hasMessageContaining(message);
    }

    @Test
    void errorsSayWhereInThePattern() {
        assertThatThrownBy(() -> PosixRegex.compile("ab(cd"))
                .isInstanceOfSatisfying(RegexSyntaxException.class, e -> assertThat(e.index()).isEqualTo(2));
        assertThatThrownBy(() -> PosixRegex.compile("abc*+?{"))
                .isInstanceOfSatisfying(RegexSyntaxException.class, e -> assertThat(e.index()).isEqualTo(6));
    }

    @Test
    void patternLengthIsBoundedInUtf8BytesAsInLibsmartcols() throws RegexSyntaxException {
        assertThat(PosixRegex.compile("a".repeat(256)).find("a".repeat(256))).isTrue();
        assertThatThrownBy(() -> PosixRegex.compile("a".repeat(257))).hasMessageContaining("longer than 256 bytes");
        assertThatThrownBy(() -> PosixRegex.compile("é".repeat(129))).hasMessageContaining("longer than 256 bytes");
    }

    @Test
    void repetitionsThatWouldWriteOutTooManyStepsAreRefused() throws RegexSyntaxException {
        assertThat(PosixRegex.compile("[a-z]{1024}").find("x".repeat(1024))).isTrue();
        assertThatThrownBy(() -> PosixRegex.compile("((a{1000}){1000}){1000}")).hasMessageContaining("repeats too much");
        assertThatThrownBy(() -> PosixRegex.compile("(((((((((a{1024}){1024}){1024}){1024}){1024}){1024}){1024}){1024}){1024})"))
                .hasMessageContaining("repeats too much");
    }

    /** Each of these makes a backtracking engine (Java's, PCRE) take exponential time on this text. */
    @ParameterizedTest
    @ValueSource(strings = {"^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "^(a*)*$", "^(.*a){20}$", "(x+x+)+y"})
    @Timeout(10)
    void pathologicalPatternsRunInLinearTime(String pattern) throws RegexSyntaxException {
        String text = "a".repeat(100_000) + "!";
        long started = System.nanoTime();
        boolean found = PosixRegex.compile(pattern).find(text);
        assertThat(found).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Timeout(10)
    void aMegabyteTextIsSearchedQuickly() throws RegexSyntaxException {
        String text = "x".repeat(1 << 20) + "/usr/bin/sleep";
        assertThat(PosixRegex.compile("/s?bin/(sleep|cat)$").find(text)).isTrue();
        assertThat(PosixRegex.compile("^/usr/").find(text)).isFalse();
    }
}
