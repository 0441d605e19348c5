package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.UndecodableByte;
import org.junit.jupiter.api.Test;

/** Raw cells as lsns writes them: of the UTF-8 bytes, blanks, backslashes, controls and non-ASCII become \xNN. */
class RawTextTest {

    @Test
    void plainAsciiStaysAsItIs() {
        assertThat(RawText.escape("/usr/sbin/nginx:-g\"x\"[1]")).isEqualTo("/usr/sbin/nginx:-g\"x\"[1]");
    }

    @Test
    void blanksBackslashesAndControlsAreEscaped() {
        assertThat(RawText.escape("a b\tc\\d\ne\u001b[31m\u007f")).isEqualTo("a\\x20b\\x09c\\x5cd\\x0ae\\x1b[31m\\x7f");
    }

    @Test
    void nonAsciiIsEscapedByteByByteOfItsUtf8() {
        assertThat(RawText.escape("é€😀")).isEqualTo("\\xc3\\xa9\\xe2\\x82\\xac\\xf0\\x9f\\x98\\x80");
    }

    @Test
    void undecodableBytesComeOutAsTheBytesTheyWere() {
        assertThat(RawText.escape("x" + UndecodableByte.of(0xff) + UndecodableByte.of(0xc3))).isEqualTo("x\\xff\\xc3");
    }

    @Test
    void theResultIsPrintableAsciiWithoutBlanks() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            every.append(c);
        }
        String escaped = RawText.escape(every.toString());
        assertThat(escaped.chars()).allSatisfy(c -> assertThat(c).isBetween(0x21, 0x7e));
    }
}
