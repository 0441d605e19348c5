package dev.listns.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A value while an expression is evaluated: a column's {@link FilterValue}, a literal, or the truth of
 * a sub-expression. Each converts to the other types as libsmartcols casts its parameters, and says
 * null where libsmartcols's value is empty or its conversion fails.
 */
sealed interface Datum {
    /** Whether every char of {@code text} is from {@code low} to {@code high}; a loop, not chars() and a lambda (README "Speed"). */
    private static boolean allWithin(String text, char low, char high) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < low || c > high) {
                return false;
            }
        }
        return true;
    }


    enum Type { TEXT, NUMBER, FLOAT, BOOLEAN }

    /** Null for {@link Empty}: an empty cell has a column's type in libsmartcols, but none here. */
    Type type();

    /** What the value alone means as a condition ({@code --filter NAME}): present and not empty or zero. */
    boolean truth();

    String asText();

    /** Unsigned; null if this is no number. */
    Long asNumber();

    BigDecimal asFloat();

    Boolean asBoolean();

    static Datum of(FilterValue value) {
        if (value instanceof FilterValue.Text text) {
            return new Str(Lexer.trimBlanks(text.value()));
        }
        if (value instanceof FilterValue.Number number) {
            return new U64(number.unsignedValue());
        }
        return new Empty();
    }

    record Str(String value) implements Datum {
        /**
         * Text that long is no number a person compares with ({@code strtold} would give an infinity);
         * refusing it keeps a megabyte command line from costing a quadratic BigDecimal parse.
         */
        private static final int LONGEST_NUMBER = 400;

        @Override
        public Type type() {
            return Type.TEXT;
        }

        @Override
        public boolean truth() {
            return !value.isEmpty();
        }

        @Override
        public String asText() {
            return value;
        }

        /** Decimal digits, an optional '+' before them, as util-linux's ul_strtou64 reads a cell. */
        @Override
        public Long asNumber() {
            String digits = value.startsWith("+") ? value.substring(1) : value;
            if (digits.isEmpty() || digits.length() > LONGEST_NUMBER || !allWithin(digits, '0', '9')) {
                return null;
            }
            try {
                return Long.parseUnsignedLong(digits);
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }

        /** A decimal number, as strtold reads one (not its hexadecimal, infinity or NaN forms). */
        @Override
        public BigDecimal asFloat() {
            if (value.isEmpty() || value.length() > LONGEST_NUMBER) {
                return null;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!(c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E')) {
                    return null; // BigDecimal would also take other Unicode digits
                }
            }
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** "1", "true" in any case, or anything starting with y or Y (rpmatch's "yes"). */
        @Override
        public Boolean asBoolean() {
            return value.equals("1") || value.equalsIgnoreCase("true") && allWithin(value, (char) 0, (char) 0x7f)
                    || value.startsWith("y") || value.startsWith("Y");
        }
    }

    record U64(long value) implements Datum {
        @Override
        public Type type() {
            return Type.NUMBER;
        }

        @Override
        public boolean truth() {
            return value != 0;
        }

        @Override
        public String asText() {
            return Long.toUnsignedString(value);
        }

        @Override
        public Long asNumber() {
            return value;
        }

        @Override
        public BigDecimal asFloat() {
            return value >= 0 ? BigDecimal.valueOf(value) : new BigDecimal(new BigInteger(Long.toUnsignedString(value)));
        }

        @Override
        public Boolean asBoolean() {
            return value != 0;
        }
    }

    /** A float literal; libsmartcols keeps a long double, we keep the decimal exactly. */
    record Flt(BigDecimal value) implements Datum {
        private static final MathContext PRINTF_G = new MathContext(6, RoundingMode.HALF_EVEN);
        private static final BigDecimal TWO_TO_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));

        @Override
        public Type type() {
            return Type.FLOAT;
        }

        @Override
        public boolean truth() {
            return value.signum() != 0;
        }

        /** As printf's {@code %Lg} writes it, which is how libsmartcols turns a float into text. */
        @Override
        public String asText() {
            if (value.signum() == 0) {
                return "0";
            }
            BigDecimal rounded = value.round(PRINTF_G);
            int exponent = rounded.precision() - rounded.scale() - 1;
            if (exponent < -4 || exponent >= 6) {
                String digits = rounded.unscaledValue().abs().toString().replaceFirst("0+$", "");
                String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
                return (value.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                        + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
            }
            return rounded.setScale(Math.max(0, 5 - exponent), RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        }

        /** Whole part, as C converts a long double to an integer; null outside 0 .. 2^64-1. */
        @Override
        public Long asNumber() {
            if (value.signum() < 0 || value.compareTo(TWO_TO_64) >= 0) {
                return null;
            }
            return value.toBigInteger().longValue();
        }

        @Override
        public BigDecimal asFloat() {
            return value;
        }

        @Override
        public Boolean asBoolean() {
            return value.signum() > 0;
        }
    }

    record Bool(boolean value) implements Datum {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public boolean truth() {
            return value;
        }

        @Override
        public String asText() {
            return value ? "true" : "false";
        }

        @Override
        public Long asNumber() {
            return value ? 1L : 0L;
        }

        @Override
        public BigDecimal asFloat() {
            return value ? BigDecimal.ONE : BigDecimal.ZERO;
        }

        @Override
        public Boolean asBoolean() {
            return value;
        }
    }

    /** An absent column value. */
    record Empty() implements Datum {
        @Override
        public Type type() {
            return null;
        }

        @Override
        public boolean truth() {
            return false;
        }

        @Override
        public String asText() {
            return null;
        }

        @Override
        public Long asNumber() {
            return null;
        }

        @Override
        public BigDecimal asFloat() {
            return null;
        }

        @Override
        public Boolean asBoolean() {
            return null;
        }
    }
}
