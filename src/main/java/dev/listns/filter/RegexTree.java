package dev.listns.filter;

import java.util.List;

/** A parsed regular expression, before {@link RegexProgram} turns it into instructions. */
sealed interface RegexTree {
    int UNBOUNDED = -1;

    /**
     * How many instructions this compiles to, saturating just above {@code limit}: a pattern of 256
     * bytes can nest repetitions to far more than a long holds, e.g. {@code ((a{1000}){1000}){1000}}.
     */
    long size(long limit);

    record Literal(int codePoint) implements RegexTree {
        @Override
        public long size(long limit) {
            return 1;
        }
    }

    /** {@code .}: any character but NUL (glibc's {@code RE_DOT_NOT_NULL}), a newline included. */
    record AnyChar() implements RegexTree {
        @Override
        public long size(long limit) {
            return 1;
        }
    }

    record OneOf(CharSet set) implements RegexTree {
        @Override
        public long size(long limit) {
            return 1;
        }
    }

    record Assertion(Anchor anchor) implements RegexTree {
        @Override
        public long size(long limit) {
            return 1;
        }
    }

    record Sequence(List<RegexTree> items) implements RegexTree {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public long size(long limit) {
            long sum = 0;
            for (RegexTree item : items) {
                sum = Math.min(limit + 1, sum + item.size(limit));
            }
            return sum;
        }
    }

    record Alternatives(List<RegexTree> branches) implements RegexTree {
        public Alternatives {
            branches = List.copyOf(branches);
        }

        @Override
        public long size(long limit) {
            long sum = 2L * (branches.size() - 1); // a split and a jump for each branch but the last
            for (RegexTree branch : branches) {
                sum = Math.min(limit + 1, sum + branch.size(limit));
            }
            return sum;
        }
    }

    /** {@code max} is {@link #UNBOUNDED} for {@code *}, {@code +} and {@code {n,}}. */
    record Repeat(RegexTree body, int min, int max) implements RegexTree {
        @Override
        public long size(long limit) {
            long body = this.body.size(limit);
            long total;
            if (max == UNBOUNDED) {
                total = min == 0 ? body + 2 : min * body + 1;
            } else {
                total = min * body + (long) (max - min) * (body + 1);
            }
            return Math.min(limit + 1, total);
        }
    }

    /** Zero-width tests, true or false between two characters. */
    enum Anchor {
        /** {@code ^} and {@code \`}: without {@code REG_NEWLINE} both mean the start of the text only. */
        TEXT_START,
        /** {@code $} and {@code \'}: the end of the text only (Java's {@code $} would also match before a final newline). */
        TEXT_END,
        /** {@code \b} */
        WORD_BOUNDARY,
        /** {@code \B} */
        NOT_WORD_BOUNDARY,
        /** {@code \<} */
        WORD_START,
        /** {@code \>} */
        WORD_END;

        /** @param before the character before the position, or -1 at the start; {@code after} likewise at the end */
        boolean holds(int before, int after) {
            boolean wordBefore = before >= 0 && CharClass.WORD.contains(before);
            boolean wordAfter = after >= 0 && CharClass.WORD.contains(after);
            switch (this) {
                case TEXT_START:
                    return before < 0;
                case TEXT_END:
                    return after < 0;
                case WORD_BOUNDARY:
                    return wordBefore != wordAfter;
                case NOT_WORD_BOUNDARY:
                    return wordBefore == wordAfter;
                case WORD_START:
                    return !wordBefore && wordAfter;
                case WORD_END:
                    return wordBefore && !wordAfter;
                default:
                    throw new AssertionError(this);
            }
        }
    }
}
