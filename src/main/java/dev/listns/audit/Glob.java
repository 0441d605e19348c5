package dev.listns.audit;

/**
 * A shell-style pattern with only {@code *} (any run of characters, also none) and {@code ?} (exactly
 * one character); every other character stands for itself. Written by hand rather than translated to
 * a regex, so nothing a user puts in an ignore file can turn into regex syntax or blow up in time:
 * matching is O(pattern × text) at worst.
 */
public record Glob(String pattern) {
    private static final int ANY_RUN = '*';
    private static final int ANY_ONE = '?';

    public boolean matches(String text) {
        // Code points, so '?' matches one character even outside the BMP.
        int[] p = pattern.codePoints().toArray();
        int[] t = text.codePoints().toArray();
        int pi = 0;
        int ti = 0;
        int starAt = -1; // last '*' seen, to retry from when the literal part after it fails
        int starText = 0;
        while (ti < t.length) {
            if (pi < p.length && (p[pi] == ANY_ONE || p[pi] == t[ti] && p[pi] != ANY_RUN)) {
                pi++;
                ti++;
            } else if (pi < p.length && p[pi] == ANY_RUN) {
                starAt = pi++;
                starText = ti;
            } else if (starAt >= 0) {
                // Let the last '*' swallow one more character; earlier stars never need to retry.
                pi = starAt + 1;
                ti = ++starText;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == ANY_RUN) {
            pi++;
        }
        return pi == p.length;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
