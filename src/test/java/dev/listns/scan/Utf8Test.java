package dev.listns.scan;

import dev.listns.model.UndecodableByte;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    private static String decode(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return Utf8.DECODER.decode(raw);
    }

    private static String escaped(int... bytes) {
        StringBuilder text = new StringBuilder();
        for (int b : bytes) {
            text.append((char) (0xDC00 + b));
        }
        return text.toString();
    }

    /** The inverse of the decoder: valid text back to UTF-8, escaped bytes back to themselves. */
    private static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (UndecodableByte.is(c)) {
                out.write(UndecodableByte.byteOf(c));
                i++;
            } else {
                int codePoint = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return out.toByteArray();
    }

    @Test
    void decodesValidUtf8OfEveryLength() {
        String text = "ascii é € 日本 \ud83d\ude00 \u0000\u007f \udbff\udfff";
        // U+10FFFF, the last code point, encodes as F4 8F BF BF.

        assertThat(Utf8.DECODER.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
        assertThat(decode(0xC3, 0xA9)).isEqualTo("é");
        assertThat(decode(0xE2, 0x82, 0xAC)).isEqualTo("€");
        assertThat(decode(0xF0, 0x9F, 0x98, 0x80)).isEqualTo("\ud83d\ude00");
        assertThat(decode(0xF4, 0x8F, 0xBF, 0xBF)).isEqualTo("\udbff\udfff");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF})
    void aByteThatIsNoCharacterBecomesTheLoneSurrogateDc80PlusIt(int b) {
        String text = decode('a', b, 'z');

        assertThat(text).isEqualTo("a" + (char) (0xDC00 + b) + "z");
        assertThat(UndecodableByte.is(text.charAt(1))).isTrue();
    }

    @Test
    void everySingleByteDecodesToOneCharacter() {
        for (int b = 0; b < 256; b++) {
            char expected = b < 0x80 ? (char) b : (char) (0xDC00 + b);
            assertThat(decode(b)).as("byte %02x", b).isEqualTo(String.valueOf(expected));
        }
    }

    @Test
    void overlongEncodingsAreRejectedByteByByte() {
        assertThat(decode(0xC0, 0xAF)).as("'/' in two bytes").isEqualTo(escaped(0xC0, 0xAF));
        assertThat(decode(0xC1, 0xBF)).isEqualTo(escaped(0xC1, 0xBF));
        assertThat(decode(0xE0, 0x80, 0xAF)).as("'/' in three bytes").isEqualTo(escaped(0xE0, 0x80, 0xAF));
        assertThat(decode(0xE0, 0x9F, 0xBF)).as("U+07FF in three bytes").isEqualTo(escaped(0xE0, 0x9F, 0xBF));
        assertThat(decode(0xF0, 0x80, 0x80, 0xAF)).as("'/' in four bytes").isEqualTo(escaped(0xF0, 0x80, 0x80, 0xAF));
        assertThat(decode(0xF0, 0x8F, 0xBF, 0xBF)).as("U+FFFF in four bytes")
                .isEqualTo(escaped(0xF0, 0x8F, 0xBF, 0xBF));
    }

    @Test
    void encodedSurrogatesAndCodePointsAboveUnicodeAreRejected() {
        assertThat(decode(0xED, 0xA0, 0x80)).as("U+D800").isEqualTo(escaped(0xED, 0xA0, 0x80));
        assertThat(decode(0xED, 0xBF, 0xBF)).as("U+DFFF").isEqualTo(escaped(0xED, 0xBF, 0xBF));
        assertThat(decode(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80)).as("CESU-8 pair")
                .isEqualTo(escaped(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80));
        assertThat(decode(0xF4, 0x90, 0x80, 0x80)).as("U+110000").isEqualTo(escaped(0xF4, 0x90, 0x80, 0x80));
        assertThat(decode(0xED, 0x9F, 0xBF)).as("U+D7FF is fine").isEqualTo("\ud7ff");
        assertThat(decode(0xEE, 0x80, 0x80)).as("U+E000 is fine").isEqualTo("\ue000");
    }

    @Test
    void truncatedSequencesAreEscapedAndWhatFollowsSurvives() {
        assertThat(decode('a', 0xE2, 0x82)).isEqualTo("a" + escaped(0xE2, 0x82));
        assertThat(decode(0xF0, 0x9F, 0x98)).isEqualTo(escaped(0xF0, 0x9F, 0x98));
        assertThat(decode(0xE2, 0x82, 'A', 0xC3, 0xA9)).isEqualTo(escaped(0xE2, 0x82) + "Aé");
        assertThat(decode(0xC3, 0xC3, 0xA9)).isEqualTo(escaped(0xC3) + "é");
    }

    @Test
    void decodesOnlyTheGivenRange() {
        byte[] bytes = "x€y".getBytes(StandardCharsets.UTF_8); // x E2 82 AC y

        assertThat(Utf8.DECODER.decode(bytes, 1, 4)).isEqualTo("€");
        assertThat(Utf8.DECODER.decode(bytes, 0, 3)).isEqualTo("x" + escaped(0xE2, 0x82));
        assertThat(Utf8.DECODER.decode(bytes, 2, 2)).isEmpty();
    }

    @Test
    void decodingLosesNoByte() {
        Random random = new Random(20240601);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            if (round % 2 == 0) { // bias towards bytes that start or continue sequences
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (0x80 | bytes[i]);
                }
            }

            assertThat(encode(Utf8.DECODER.decode(bytes))).as("round %d", round).isEqualTo(bytes);
        }
    }

    @Test
    void onlyTheEscapedByteRangeCountsAsEscaped() {
        assertThat(UndecodableByte.is((char) 0xDC80)).isTrue();
        assertThat(UndecodableByte.is((char) 0xDCFF)).isTrue();
        assertThat(UndecodableByte.is((char) 0xDC7F)).isFalse();
        assertThat(UndecodableByte.is((char) 0xDD00)).isFalse();
        assertThat(UndecodableByte.is('\u00ff')).isFalse();
    }
}
