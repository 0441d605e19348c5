package dev.listns.filter;

import java.nio.charset.StandardCharsets;

/**
 * The regular expression on the right of {@code =~} and {@code !~}: POSIX extended syntax, as lsns
 * users write it for libsmartcols and glibc, matched by our own linear-time engine.
 *
 * <h2>Why not {@link java.util.regex.Pattern}</h2>
 * <ul>
 * <li>It backtracks: {@code (a+)+$} against forty {@code a}s and a {@code b} runs for hours, and the
 *     text it runs against (a command line, a path) is written by whoever started the process.
 *     {@link RegexProgram} never backtracks.</li>
 * <li>The same pattern means different things: in Java {@code [[:alpha:]]} is a set of the
 *     characters {@code [:alph}, {@code [\.]} is only a dot (POSIX: a backslash or a dot), {@code $}
 *     also matches before a final newline, {@code .} does not match a newline, and {@code \d},
 *     lookarounds and possessive quantifiers exist. A filter copied from an lsns script would
 *     quietly select other rows.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * A pattern is at most {@value #MAX_PATTERN_BYTES} bytes of UTF-8 and repetition counts at most
 * {@value RegexParser#MAX_REPEAT}, as in libsmartcols. Repetitions are written out, so
 * {@code ((a{1000}){1000})} would be a million instructions: at most {@value #MAX_INSTRUCTIONS} are
 * allowed. Matching one text then takes at most (its length + 1) × that many steps; typical patterns
 * keep a handful of instructions live and cost a few steps per character.
 */
final class PosixRegex {
    static final int MAX_PATTERN_BYTES = 256;
    static final int MAX_INSTRUCTIONS = 10_000;

    private final String pattern;
    private final RegexProgram program;

    private PosixRegex(String pattern, RegexProgram program) {
        this.pattern = pattern;
        this.program = program;
    }

    static PosixRegex compile(String pattern) throws RegexSyntaxException {
        if (pattern.getBytes(StandardCharsets.UTF_8).length > MAX_PATTERN_BYTES) {
            throw new RegexSyntaxException(0, "the regular expression is longer than " + MAX_PATTERN_BYTES + " bytes");
        }
        RegexTree tree = RegexParser.parse(pattern);
        long size = tree.size(MAX_INSTRUCTIONS);
        if (size > MAX_INSTRUCTIONS) {
            throw new RegexSyntaxException(0, "the regular expression repeats too much (more than "
                    + MAX_INSTRUCTIONS + " steps once its repetitions are written out)");
        }
        return new PosixRegex(pattern, RegexProgram.compile(tree, (int) size));
    }

    /** Whether the pattern matches anywhere in {@code text}, as {@code regexec} without flags answers. */
    boolean find(String text) {
        return program.find(text);
    }

    String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
