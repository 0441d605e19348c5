package dev.listns.filter;

import java.util.List;

/**
 * What one bracket expression ({@code [a-z_]}, {@code [^[:space:]]}) or class escape ({@code \w}, {@code \S})
 * matches: characters, ranges of code points and named classes, possibly negated. Ranges run in code
 * point order, as in glibc's C.UTF-8 and its "rational ranges" elsewhere. A negated set matches a
 * newline too, because libsmartcols compiles without {@code REG_NEWLINE}.
 */
record CharSet(boolean negated, int[] ranges, List<CharClass> classes) {
    /** @param ranges pairs of first and last code point, both inclusive */
    CharSet {
        ranges = ranges.clone();
        classes = List.copyOf(classes);
    }

    static CharSet of(CharClass charClass, boolean negated) {
        return new CharSet(negated, new int[0], List.of(charClass));
    }

    boolean contains(int cp) {
        return inRangesOrClasses(cp) != negated;
    }

    private boolean inRangesOrClasses(int cp) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (cp >= ranges[i] && cp <= ranges[i + 1]) {
                return true;
            }
        }
        for (CharClass c : classes) {
            if (c.contains(cp)) {
                return true;
            }
        }
        return false;
    }
}
