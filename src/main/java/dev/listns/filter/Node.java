package dev.listns.filter;

import dev.listns.filter.Datum.Type;

import java.math.BigDecimal;

/** A parsed expression, evaluated against one row at a time. */
sealed interface Node {

    /** Whether the row satisfies this node. */
    boolean test(Row row);

    /** This node as an operand of a comparison. */
    default Datum value(Row row) {
        return new Datum.Bool(test(row));
    }

    /** A column's name in a row (libsmartcols's "holder"). */
    record Column(String name, int index) implements Node {
        @Override
        public boolean test(Row row) {
            return row.value(index).truth();
        }

        @Override
        public Datum value(Row row) {
            return row.value(index);
        }
    }

    record Constant(Datum datum) implements Node {
        @Override
        public boolean test(Row row) {
            return datum.truth();
        }

        @Override
        public Datum value(Row row) {
            return datum;
        }
    }

    record Not(Node operand) implements Node {
        @Override
        public boolean test(Row row) {
            return !operand.test(row);
        }
    }

    /** {@code &&} or {@code ||}; the right side is not evaluated (nor its columns asked for) when the left decides. */
    record Logical(boolean isAnd, Node left, Node right) implements Node {
        @Override
        public boolean test(Row row) {
            return isAnd ? left.test(row) && right.test(row) : left.test(row) || right.test(row);
        }
    }

    record Comparison(Operator operator, Node left, Node right) implements Node {
        /** A comparison that cannot be made: every operator, {@code !=} too, says false. */
        private static final int UNORDERED = Integer.MIN_VALUE;

        @Override
        public boolean test(Row row) {
            Datum l = left.value(row);
            Datum r = right.value(row);
            Type type = commonType(l, r);
            int order = type == null ? UNORDERED : compare(type, l, r);
            return order != UNORDERED && operator.holds(order);
        }

        /**
         * The type both sides are compared as, chosen as libsmartcols chooses it: the type they share;
         * else the type of the side that is not a column (in {@code NS == "4026531836"} the literal
         * decides, so NS is compared as text); else the left side's; and a number meeting a float makes
         * both floats. An absent column has no type here, so the other side's is taken.
         */
        private Type commonType(Datum l, Datum r) {
            Type lt = l.type();
            Type rt = r.type();
            if (lt == rt) {
                return lt;
            }
            boolean leftColumn = left instanceof Column;
            boolean rightColumn = right instanceof Column;
            Type type;
            if (leftColumn != rightColumn) {
                type = leftColumn ? rt : lt;
            } else {
                type = lt != null ? lt : rt;
            }
            return type == Type.NUMBER && (lt == Type.FLOAT || rt == Type.FLOAT) ? Type.FLOAT : type;
        }

        /**
         * As text an absent value is libsmartcols's NULL string: equal only to another absent value
         * and before every text, the empty text too. As a number, float or boolean, an absent value
         * or text that is no number makes the comparison false (libsmartcols returns false for the
         * first and fails the whole filter for the second).
         */
        private static int compare(Type type, Datum l, Datum r) {
            switch (type) {
                case TEXT:
                    return compareText(l.asText(), r.asText());
                case NUMBER: {
                    Long a = l.asNumber();
                    Long b = r.asNumber();
                    return a == null || b == null ? UNORDERED : Long.compareUnsigned(a, b);
                }
                case FLOAT: {
                    BigDecimal a = l.asFloat();
                    BigDecimal b = r.asFloat();
                    return a == null || b == null ? UNORDERED : a.compareTo(b);
                }
                case BOOLEAN: {
                    Boolean a = l.asBoolean();
                    Boolean b = r.asBoolean();
                    return a == null || b == null ? UNORDERED : Boolean.compare(a, b);
                }
                default:
                    throw new AssertionError(type);
            }
        }

        /** strcmp on UTF-8 bytes orders as code points do (String.compareTo, by UTF-16 units, would not). */
        private static int compareText(String a, String b) {
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Boolean.compare(i < a.length(), j < b.length());
        }
    }

    /**
     * {@code =~} or {@code !~}. The left side is matched as text: a number as its decimal digits, an
     * absent value as the empty text (so {@code X !~ "."} holds for a row with no X), as in libsmartcols.
     */
    record RegexMatch(Node subject, PosixRegex regex, boolean negated) implements Node {
        @Override
        public boolean test(Row row) {
            String text = subject.value(row).asText();
            return regex.find(text == null ? "" : text) != negated;
        }
    }

    enum Operator {
        EQ, NE, LT, LE, GT, GE;

        static Operator of(Token.Kind kind) {
            return valueOf(kind.name());
        }

        boolean holds(int order) {
            switch (this) {
                case EQ:
                    return order == 0;
                case NE:
                    return order != 0;
                case LT:
                    return order < 0;
                case LE:
                    return order <= 0;
                case GT:
                    return order > 0;
                case GE:
                    return order >= 0;
                default:
                    throw new AssertionError(this);
            }
        }
    }
}
