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
import java.util.Arrays;
import java.util.List;

/**
 * A regular expression compiled to a Thompson automaton and run by following every possible path at
 * once, one character after another. No path is ever retried, so matching costs at most
 * (characters + 1) × instructions steps, whatever the pattern and the text: no input can make it
 * backtrack for ever, as {@code (a+)+b} makes Java's own engine do. Only "is there a match anywhere"
 * is answered, which is all libsmartcols asks of glibc ({@code REG_NOSUB}); that answer does not depend
 * on POSIX's leftmost-longest rule, so following every path gives exactly glibc's result.
 */
final class RegexProgram {
    private static final int CHAR = 0;
    private static final int ANY = 1;
    private static final int SET = 2;
    private static final int SPLIT = 3;
    private static final int JUMP = 4;
    private static final int ASSERT = 5;
    private static final int MATCH = 6;
    private static final Anchor[] ANCHORS = Anchor.values();

    private final int[] op;
    /** The code point, set index, anchor ordinal or first target, by {@link #op}. */
    private final int[] a;
    /** The second target of a split. */
    private final int[] b;
    private final CharSet[] sets;

    private RegexProgram(int[] op, int[] a, int[] b, CharSet[] sets) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.sets = sets;
    }

    /** @param size what {@code tree.size()} said, checked by the caller to be small enough */
    static RegexProgram compile(RegexTree tree, int size) {
        Emitter emitter = new Emitter(size + 1);
        emitter.emit(tree);
        emitter.add(MATCH, 0, 0);
        return emitter.program();
    }

    int size() {
        return op.length;
    }

    boolean find(String text) {
        return new Run().find(text);
    }

    private static final class Emitter {
        private final int[] op;
        private final int[] a;
        private final int[] b;
        private final List<CharSet> sets = new ArrayList<>();
        private int pc;

        Emitter(int capacity) {
            op = new int[capacity];
            a = new int[capacity];
            b = new int[capacity];
        }

        int add(int code, int first, int second) {
            op[pc] = code;
            a[pc] = first;
            b[pc] = second;
            return pc++;
        }

        void emit(RegexTree tree) {
            if (tree instanceof Literal literal) {
                add(CHAR, literal.codePoint(), 0);
            } else if (tree instanceof AnyChar) {
                add(ANY, 0, 0);
            } else if (tree instanceof OneOf oneOf) {
                sets.add(oneOf.set());
                add(SET, sets.size() - 1, 0);
            } else if (tree instanceof Assertion assertion) {
                add(ASSERT, assertion.anchor().ordinal(), 0);
            } else if (tree instanceof Sequence sequence) {
                for (RegexTree item : sequence.items()) {
                    emit(item);
                }
            } else if (tree instanceof Alternatives alternatives) {
                emitAlternatives(alternatives.branches());
            } else if (tree instanceof Repeat repeat) {
                emitRepeat(repeat);
            } else {
                throw new AssertionError(tree);
            }
        }

        private void emitAlternatives(List<RegexTree> branches) {
            int[] jumps = new int[branches.size() - 1];
            for (int i = 0; i < jumps.length; i++) {
                int split = add(SPLIT, pc + 1, 0);
                emit(branches.get(i));
                jumps[i] = add(JUMP, 0, 0);
                b[split] = pc;
            }
            emit(branches.get(branches.size() - 1));
            for (int jump : jumps) {
                a[jump] = pc;
            }
        }

        /** The body written out once per copy: each copy must advance through the text on its own. */
        private void emitRepeat(Repeat repeat) {
            if (repeat.max() == RegexTree.UNBOUNDED && repeat.min() == 0) {
                int split = add(SPLIT, pc + 1, 0);
                emit(repeat.body());
                add(JUMP, split, 0);
                b[split] = pc;
                return;
            }
            int required = repeat.max() == RegexTree.UNBOUNDED ? repeat.min() - 1 : repeat.min();
            for (int i = 0; i < required; i++) {
                emit(repeat.body());
            }
            if (repeat.max() == RegexTree.UNBOUNDED) {
                int loop = pc;
                emit(repeat.body());
                add(SPLIT, loop, pc + 1);
                return;
            }
            int optional = repeat.max() - repeat.min();
            int[] skips = new int[optional];
            for (int i = 0; i < optional; i++) {
                skips[i] = add(SPLIT, pc + 1, 0);
                emit(repeat.body());
            }
            for (int skip : skips) {
                b[skip] = pc;
            }
        }

        RegexProgram program() {
            return new RegexProgram(Arrays.copyOf(op, pc), Arrays.copyOf(a, pc), Arrays.copyOf(b, pc),
                    sets.toArray(new CharSet[0]));
        }
    }

    /** The state of one match: which instructions are live before and after the current character. */
    private final class Run {
        private final SparseSet live = new SparseSet(op.length);
        private SparseSet waiting = new SparseSet(op.length);
        private SparseSet nextWaiting = new SparseSet(op.length);
        private final int[] stack = new int[op.length];
        private int before = -1;
        private int after = -1;
        private boolean matched;

        boolean find(String text) {
            int i = 0;
            while (true) {
                if (waiting.size() == 0 && i > 0) {
                    // Only a match starting here is left: skip where none can start.
                    if (op[0] == ASSERT && ANCHORS[a[0]] == Anchor.TEXT_START) {
                        return false;
                    }
                    if (op[0] == CHAR) {
                        int found = text.indexOf(a[0], i);
                        if (found < 0) {
                            return false;
                        }
                        if (found > i) {
                            i = found;
                            before = text.codePointBefore(i);
                        }
                    }
                }
                after = i < text.length() ? text.codePointAt(i) : -1;
                live.clear();
                for (int k = 0; k < waiting.size(); k++) {
                    follow(waiting.get(k));
                }
                follow(0); // a match may also start here: the search is unanchored
                if (matched) {
                    return true;
                }
                if (after < 0) {
                    return false;
                }
                nextWaiting.clear();
                for (int k = 0; k < live.size(); k++) {
                    int pc = live.get(k);
                    if (consumes(pc, after)) {
                        nextWaiting.add(pc + 1);
                    }
                }
                SparseSet swap = waiting;
                waiting = nextWaiting;
                nextWaiting = swap;
                before = after;
                i += Character.charCount(after);
            }
        }

        private boolean consumes(int pc, int c) {
            switch (op[pc]) {
                case CHAR:
                    return a[pc] == c;
                case ANY:
                    return c != 0;
                case SET:
                    return sets[a[pc]].contains(c);
                default:
                    return false;
            }
        }

        /** Adds {@code start} and everything reachable from it without reading a character. */
        private void follow(int start) {
            int depth = 0;
            if (live.add(start)) {
                stack[depth++] = start;
            }
            while (depth > 0 && !matched) {
                int pc = stack[--depth];
                switch (op[pc]) {
                    case SPLIT:
                        depth = push(a[pc], depth);
                        depth = push(b[pc], depth);
                        break;
                    case JUMP:
                        depth = push(a[pc], depth);
                        break;
                    case ASSERT:
                        if (ANCHORS[a[pc]].holds(before, after)) {
                            depth = push(pc + 1, depth);
                        }
                        break;
                    case MATCH:
                        matched = true;
                        break;
                    default:
                        break; // waits for a character
                }
            }
        }

        /** Each instruction enters the live set once, so the stack never holds more than all of them. */
        private int push(int pc, int depth) {
            if (live.add(pc)) {
                stack[depth++] = pc;
            }
            return depth;
        }
    }

    /** A set of instruction indexes with constant-time add, test and clear, in insertion order. */
    private static final class SparseSet {
        private final int[] dense;
        private final int[] sparse;
        private int size;

        SparseSet(int capacity) {
            dense = new int[capacity];
            sparse = new int[capacity];
        }

        boolean add(int value) {
            int slot = sparse[value];
            if (slot < size && dense[slot] == value) {
                return false;
            }
            sparse[value] = size;
            dense[size++] = value;
            return true;
        }

        int size() {
            return size;
        }

        int get(int index) {
            return dense[index];
        }

        void clear() {
            size = 0;
        }
    }
}
