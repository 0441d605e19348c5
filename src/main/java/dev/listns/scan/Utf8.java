package dev.listns.scan;

import dev.listns.model.UndecodableByte;

import java.nio.charset.StandardCharsets;

/**
 * Decodes bytes from /proc as UTF-8 without losing anything: each byte that is not part of a valid
 * sequence becomes the character {@link UndecodableByte} says stands for it.
 */
public final class Utf8 {
    public static final Utf8 DECODER = new Utf8();

    private Utf8() {
    }

    public String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public String decode(byte[] bytes, int from, int to) {
        int firstNonAscii = from;
        while (firstNonAscii < to && bytes[firstNonAscii] >= 0) {
            firstNonAscii++;
        }
        if (firstNonAscii == to) {
            // Nearly everything in /proc is ASCII, which needs no character-by-character decoding.
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int length = sequenceLength(b);
            int codePoint = length == 0 || i + length > to ? -1 : decodeSequence(bytes, i, length);
            if (codePoint < 0) {
                out.append(UndecodableByte.of(b));
                i++;
            } else {
                out.appendCodePoint(codePoint);
                i += length;
            }
        }
        return out.toString();
    }

    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /** The code point, or -1 for an invalid, overlong or surrogate sequence. */
    private static int decodeSequence(byte[] bytes, int at, int length) {
        int codePoint = bytes[at] & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int next = bytes[at + k] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                return -1;
            }
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        int minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        boolean surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
        return codePoint < minimum || surrogate || codePoint > 0x10FFFF ? -1 : codePoint;
    }
}
