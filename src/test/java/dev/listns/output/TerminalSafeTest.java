package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalSafeTest {

    /** Whether a terminal shows {@code text} as exactly the characters it holds, nothing hidden or moved. */
    private static void assertSafe(String escaped) {
        for (int i = 0; i < escaped.length(); ) {
            int cp = escaped.codePointAt(i);
            assertThat(cp).as("U+%04X at %d in %s", cp, i, escaped)
                    .isBetween(0x20, 0x10FFFF)
                    .isNotEqualTo(0x7F)
                    .isNotEqualTo(0x2028)
                    .isNotEqualTo(0x2029);
            assertThat(cp < 0x80 || cp >= 0xA0).as("C1 control U+%04X", cp).isTrue();
            assertThat(Character.getType(cp)).as("type of U+%04X", cp)
                    .isNotEqualTo((int) Character.FORMAT)
                    .isNotEqualTo((int) Character.SURROGATE);
            i += Character.charCount(cp);
        }
    }

    static Stream<Arguments> c0Controls() {
        return Stream.of(
                Arguments.of("ESC and BEL", "\u001b]0;pwned\u0007", "\\x1b]0;pwned\\x07"),
                Arguments.of("clear screen", "\u001b[2J\u001b[H", "\\x1b[2J\\x1b[H"),
                Arguments.of("newline", "line1\nline2", "line1\\x0aline2"),
                Arguments.of("CR and tab", "a\rb\tc", "a\\x0db\\x09c"),
                Arguments.of("NUL", "nul\u0000", "nul\\x00"),
                Arguments.of("DEL", "del\u007f", "del\\x7f"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("c0Controls")
    void c0ControlsAndDelBecomeHexEscapes(String what, String raw, String expected) {
        assertThat(TerminalSafe.escape(raw)).isEqualTo(expected);
    }

    @Test
    void invalidBytesBecomeHexEscapes() {
        assertThat(TerminalSafe.escape("a\udcffb\udc80\udcc3(")).isEqualTo("a\\xffb\\x80\\xc3(");
    }

    @Test
    void c1ControlsAreEscapedAndNotConfusedWithInvalidBytes() {
        // U+009B is CSI: a terminal takes it like ESC [. The byte 0x9B is another thing, and must read differently.
        String c1 = TerminalSafe.escape("a\u009b31mb\u0085");
        String invalidByte = TerminalSafe.escape("a\udc9b31mb\udc85");

        assertThat(c1).isEqualTo("a\\u009b31mb\\u0085");
        assertThat(invalidByte).isEqualTo("a\\x9b31mb\\x85");
        assertSafe(c1);
    }

    @Test
    void backslashIsDoubledSoEscapesAreUnambiguous() {
        assertThat(TerminalSafe.escape("C:\\dir")).isEqualTo("C:\\\\dir");
        assertThat(TerminalSafe.escape("\\x1b")).isEqualTo("\\\\x1b").isNotEqualTo(TerminalSafe.escape("\u001b"));
        assertThat(TerminalSafe.escape("\\")).isEqualTo("\\\\");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"202e", "202d", "2066", "200b", "200f", "2028", "2029", "feff", "00ad", "061c"})
    void invisibleAndReorderingCharactersBecomeUnicodeEscapes(String hex) {
        String c = String.valueOf((char) Integer.parseInt(hex, 16));

        assertThat(TerminalSafe.escape("evil" + c + "txt.exe")).isEqualTo("evil\\u" + hex + "txt.exe");
    }

    @Test
    void plainTextAndUnicodeAreKept() {
        String text = "nginx: worker process --conf=/etc/nginx.conf ~!@#$%^&*()_+{}|:\"<>?`-=[];',./";
        String unicode = "héllo wörld 日本語 Ωμέγα Ж \u00a0nbsp ﬁ";

        assertThat(TerminalSafe.escape(text)).isEqualTo(text);
        assertThat(TerminalSafe.escape(unicode)).isEqualTo(unicode);
        assertThat(TerminalSafe.escape("")).isEmpty();
    }

    @Test
    void validSurrogatePairsAreKept() {
        assertThat(TerminalSafe.escape("party \ud83c\udf89 \ud83d\ude00!")).isEqualTo("party \ud83c\udf89 \ud83d\ude00!");
        assertThat(TerminalSafe.escape("\ud835\udd4f")).isEqualTo("\ud835\udd4f"); // U+1D54F, a letter
    }

    @Test
    void loneSurrogatesThatAreNoEscapedByteBecomeUnicodeEscapes() {
        assertThat(TerminalSafe.escape("a\ud83d")).isEqualTo("a\\ud83d");
        assertThat(TerminalSafe.escape("\ude00b")).isEqualTo("\\ude00b");
        assertThat(TerminalSafe.escape("\ud83d\ud83d\ude00")).isEqualTo("\\ud83d\ud83d\ude00");
        assertThat(TerminalSafe.escape("\udc41")).as("below the escaped-byte range").isEqualTo("\\udc41");
    }

    @Test
    void randomTextAlwaysComesOutSafe() {
        Random random = new Random(42);
        for (int round = 0; round < 5000; round++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                int pick = random.nextInt(4);
                chars[i] = (char) (pick == 0 ? random.nextInt(0x100) : pick == 1 ? 0xD800 + random.nextInt(0x800)
                        : pick == 2 ? 0x2000 + random.nextInt(0x80) : random.nextInt(0x10000));
            }
            String raw = new String(chars);
            String escaped = TerminalSafe.escape(raw);

            assertSafe(escaped);
        }
    }

    @Test
    void supplementaryInvisibleCharactersAreEscapedToo() {
        // "ASCII smuggling": Unicode tag characters spell "rm -rf" invisibly after an innocent-looking word.
        String tags = new StringBuilder().appendCodePoint(0xE0072).appendCodePoint(0xE006D).toString();

        String escaped = TerminalSafe.escape("sleep" + tags);

        assertSafe(escaped);
        assertThat(escaped).startsWith("sleep").doesNotContain(tags);
    }
}
