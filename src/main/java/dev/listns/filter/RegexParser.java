package dev.listns.filter;

import dev.listns.filter.RegexTree.Alternatives;
import dev.listns.filter.RegexTree.Anchor;
import dev.listns.filter.RegexTree.AnyChar;
import dev.listns.filter.RegexTree.Assertion;
import dev.listns.filter.RegexTree.Literal;
import dev.listns.filter.RegexTree.OneOf;
import dev.listns.filter.RegexTree.Repeat;
import dev.listns.filter.RegexTree.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a POSIX extended regular expression the way glibc's {@code regcomp(REG_EXTENDED)} does, which is
 * what libsmartcols uses for {@code =~}:
 * <ul>
 * <li>{@code ^} and {@code $} are anchors wherever they stand; {@code *}, {@code +}, {@code ?} or an
 *     interval with nothing before it (at the start, after {@code (}, {@code |} or an anchor) is an
 *     error; a {@code )} with no {@code (} is an ordinary character; empty alternatives and
 *     {@code ()} are allowed.</li>
 * <li>Intervals {@code {n}}, {@code {n,}}, {@code {n,m}}, {@code {,m}}; a malformed one is an error,
 *     not literal text. Counts above {@value #MAX_REPEAT} are refused, as libsmartcols refuses them.</li>
 * <li>Bracket expressions with ranges, {@code [:class:]}, and single-character {@code [=c=]} and
 *     {@code [.c.]}; a backslash inside brackets is an ordinary character.</li>
 * <li>glibc's escapes {@code \w \W \s \S \b \B \< \> \` \'}; a backslash before punctuation makes it
 *     literal.</li>
 * </ul>
 * Where we refuse what glibc accepts, and why: back-references ({@code \1}) cannot be matched in
 * linear time, so they are refused. A backslash before any other letter or digit ({@code \d},
 * {@code \n}) is an error here, where glibc silently reads {@code \d} as the letter {@code d}: someone
 * who writes {@code \d} means a digit, and an error says so rather than a filter that quietly matches
 * nothing. Where we accept what libsmartcols refuses: stacked repetitions like {@code a**} and
 * {@code (a+)+}, which it refuses only because glibc's compiler can need gigabytes for them; here they
 * cost what any other repetition costs.
 */
final class RegexParser {
    static final int MAX_REPEAT = 1024;

    private final String pattern;
    private int at;

    private RegexParser(String pattern) {
        this.pattern = pattern;
    }

    static RegexTree parse(String pattern) throws RegexSyntaxException {
        RegexParser parser = new RegexParser(pattern);
        RegexTree tree = parser.alternatives(0);
        // alternatives() at depth 0 stops only at the end: a stray ')' is read as a character there.
        assert parser.at == pattern.length();
        return tree;
    }

    private RegexTree alternatives(int depth) throws RegexSyntaxException {
        List<RegexTree> branches = new ArrayList<>();
        branches.add(sequence(depth));
        while (peek() == '|') {
            at++;
            branches.add(sequence(depth));
        }
        return branches.size() == 1 ? branches.get(0) : new Alternatives(branches);
    }

    private RegexTree sequence(int depth) throws RegexSyntaxException {
        List<RegexTree> items = new ArrayList<>();
        while (at < pattern.length() && peek() != '|' && !(peek() == ')' && depth > 0)) {
            RegexTree atom = atom(depth);
            while (isRepetition(peek())) {
                if (atom instanceof Assertion) {
                    throw nothingToRepeat();
                }
                atom = repetition(atom);
            }
            items.add(atom);
        }
        return items.size() == 1 ? items.get(0) : new Sequence(items);
    }

    private RegexTree atom(int depth) throws RegexSyntaxException {
        int start = at;
        int c = pattern.codePointAt(at);
        at += Character.charCount(c);
        switch (c) {
            case '(':
                RegexTree inner = alternatives(depth + 1);
                if (peek() != ')') {
                    throw new RegexSyntaxException(start, "'(' without a matching ')'");
                }
                at++;
                return inner;
            case '.':
                return new AnyChar();
            case '^':
                return new Assertion(Anchor.TEXT_START);
            case '$':
                return new Assertion(Anchor.TEXT_END);
            case '[':
                return new OneOf(bracket(start));
            case '\\':
                return escape(start);
            case '*':
            case '+':
            case '?':
            case '{':
                at = start;
                throw nothingToRepeat();
            default:
                return new Literal(c); // ')' too when no group is open, as in glibc
        }
    }

    private static boolean isRepetition(int c) {
        return c == '*' || c == '+' || c == '?' || c == '{';
    }

    private RegexSyntaxException nothingToRepeat() {
        return new RegexSyntaxException(at, "'" + (char) peek() + "' has nothing before it to repeat");
    }

    private RegexTree repetition(RegexTree body) throws RegexSyntaxException {
        int start = at;
        char c = (char) peek();
        at++;
        switch (c) {
            case '*':
                return new Repeat(body, 0, RegexTree.UNBOUNDED);
            case '+':
                return new Repeat(body, 1, RegexTree.UNBOUNDED);
            case '?':
                return new Repeat(body, 0, 1);
            default:
                return interval(body, start);
        }
    }

    /** After '{': {@code n}, {@code n,}, {@code n,m} or {@code ,m}, then '}'. */
    private RegexTree interval(RegexTree body, int start) throws RegexSyntaxException {
        int min = count(start);
        int max = min;
        boolean comma = peek() == ',';
        if (comma) {
            at++;
            max = count(start);
        }
        if (peek() != '}' || min < 0 && !comma) {
            throw new RegexSyntaxException(start, "a repetition in braces is {n}, {n,}, {n,m} or {,m}");
        }
        at++;
        min = Math.max(min, 0);
        if (max < 0) {
            max = comma ? RegexTree.UNBOUNDED : min;
        } else if (max < min) {
            throw new RegexSyntaxException(start, "repetition {" + min + "," + max + "} has its minimum above its maximum");
        }
        return new Repeat(body, min, max);
    }

    /** Digits at the cursor as a number, or -1 if there are none. */
    private int count(int start) throws RegexSyntaxException {
        int value = -1;
        while (peek() >= '0' && peek() <= '9') {
            value = Math.max(value, 0) * 10 + (peek() - '0');
            if (value > MAX_REPEAT) {
                throw new RegexSyntaxException(start, "repetition count above " + MAX_REPEAT);
            }
            at++;
        }
        return value;
    }

    private RegexTree escape(int start) throws RegexSyntaxException {
        if (at >= pattern.length()) {
            throw new RegexSyntaxException(start, "a backslash at the end of the pattern escapes nothing");
        }
        int c = pattern.codePointAt(at);
        at += Character.charCount(c);
        switch (c) {
            case 'w':
                return new OneOf(CharSet.of(CharClass.WORD, false));
            case 'W':
                return new OneOf(CharSet.of(CharClass.WORD, true));
            case 's':
                return new OneOf(CharSet.of(CharClass.SPACE, false));
            case 'S':
                return new OneOf(CharSet.of(CharClass.SPACE, true));
            case 'b':
                return new Assertion(Anchor.WORD_BOUNDARY);
            case 'B':
                return new Assertion(Anchor.NOT_WORD_BOUNDARY);
            case '<':
                return new Assertion(Anchor.WORD_START);
            case '>':
                return new Assertion(Anchor.WORD_END);
            case '`':
                return new Assertion(Anchor.TEXT_START);
            case '\'':
                return new Assertion(Anchor.TEXT_END);
            default:
                break;
        }
        if (c >= '1' && c <= '9') {
            throw new RegexSyntaxException(start, "back-references such as '\\" + (char) c + "' are not supported");
        }
        if (c < 0x80 && Character.isLetterOrDigit(c)) {
            throw new RegexSyntaxException(start, "'\\" + (char) c + "' is not an escape in POSIX extended regular expressions"
                    + (c == 'd' ? " (for a digit write [0-9])" : ""));
        }
        return new Literal(c);
    }

    /** After '[' (at {@code start}) up to and including its ']'. */
    private CharSet bracket(int start) throws RegexSyntaxException {
        boolean negated = peek() == '^';
        if (negated) {
            at++;
        }
        List<Integer> ranges = new ArrayList<>();
        List<CharClass> classes = new ArrayList<>();
        boolean first = true;
        boolean afterRange = false;
        while (true) {
            if (at >= pattern.length()) {
                throw new RegexSyntaxException(start, "'[' without a matching ']'");
            }
            int c = pattern.codePointAt(at);
            if (c == ']' && !first) {
                at++;
                break;
            }
            first = false;
            int elementStart = at;
            if (c == '[' && peekAt(at + 1) == ':') {
                classes.add(namedClass());
                afterRange = false;
                continue;
            }
            if (c == '-' && afterRange && peekAt(at + 1) != ']') {
                throw new RegexSyntaxException(at, "'-' right after a range; put a literal '-' first or last in the brackets");
            }
            int low = bracketCharacter();
            int high = low;
            afterRange = false;
            if (peek() == '-' && peekAt(at + 1) != ']' && at + 1 < pattern.length()) {
                at++;
                if (peek() == '[' && peekAt(at + 1) == ':') {
                    throw new RegexSyntaxException(at, "a range cannot end with a character class");
                }
                high = bracketCharacter();
                if (high < low) {
                    throw new RegexSyntaxException(elementStart, "range " + pattern.substring(elementStart, at) + " runs backwards");
                }
                afterRange = true;
            }
            ranges.add(low);
            ranges.add(high);
        }
        int[] bounds = new int[ranges.size()];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = ranges.get(i);
        }
        return new CharSet(negated, bounds, classes);
    }

    /** At "[:": reads "[:name:]". */
    private CharClass namedClass() throws RegexSyntaxException {
        int start = at;
        int end = pattern.indexOf(":]", at + 2);
        if (end < 0) {
            throw new RegexSyntaxException(start, "'[:' without a matching ':]'");
        }
        String name = pattern.substring(at + 2, end);
        at = end + 2;
        Optional<CharClass> named = CharClass.named(name);
        if (named.isEmpty()) {
            throw new RegexSyntaxException(start, "unknown character class [:" + name + ":]");
        }
        return named.get();
    }

    /** One character in brackets: itself, or a one-character {@code [.c.]} or {@code [=c=]}. */
    private int bracketCharacter() throws RegexSyntaxException {
        int c = pattern.codePointAt(at);
        int mark = peekAt(at + 1);
        if (c == '[' && (mark == '.' || mark == '=')) {
            int start = at;
            String close = (char) mark + "]";
            int end = pattern.indexOf(close, at + 2);
            if (end < 0) {
                throw new RegexSyntaxException(start, "'[" + (char) mark + "' without a matching '" + close + "'");
            }
            String inside = pattern.substring(at + 2, end);
            if (inside.isEmpty() || inside.codePointCount(0, inside.length()) != 1) {
                // glibc knows multi-character collating elements only in a few locales' tables.
                throw new RegexSyntaxException(start, "only single characters are supported in [" + (char) mark + "..." + (char) mark + "]");
            }
            at = end + 2;
            return inside.codePointAt(0);
        }
        at += Character.charCount(c);
        return c;
    }

    private int peek() {
        return peekAt(at);
    }

    private int peekAt(int index) {
        return index < pattern.length() ? pattern.charAt(index) : -1;
    }
}
