package dev.listns.filter;

import dev.listns.filter.Node.Column;
import dev.listns.filter.Node.Comparison;
import dev.listns.filter.Node.Constant;
import dev.listns.filter.Node.Logical;
import dev.listns.filter.Node.Not;
import dev.listns.filter.Node.Operator;
import dev.listns.filter.Node.RegexMatch;
import dev.listns.filter.Token.Kind;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Node} tree, with libsmartcols's precedence, which its grammar sets (and which its
 * manual page describes otherwise):
 * <pre>
 *   expression := comparison (('&amp;&amp;' | '||') comparison)*     one level, left to right
 *   comparison := unary (('==' | '!=' | '&lt;' | ... | '=~' | '!~') unary)*   left to right
 *   unary      := '!' unary | primary
 *   primary    := '(' expression ')' | column | string | number | float | true | false
 * </pre>
 * {@code &&} and {@code ||} bind equally and group from the left, so {@code A || B && C} is
 * {@code (A || B) && C}, not {@code A || (B && C)} as in C: the bison grammar declares both on one
 * {@code %left} line. lsns gives such a filter that meaning, and lsns scripts are what people bring, so
 * we do too. {@code !} binds tightest: {@code !A == B} is {@code (!A) == B}. The right side of
 * {@code =~} and {@code !~} must be a string, optionally in parentheses.
 *
 * <p>Limits, as in libsmartcols: an expression of at most {@value #MAX_BYTES} bytes and
 * {@value #MAX_NODES} values and operators. Parentheses and {@code !} nest at most
 * {@value #MAX_DEPTH} deep (bison's stack allows about 250), which bounds the recursion here and in
 * evaluation.
 */
final class Parser {
    static final int MAX_BYTES = 1024;
    static final int MAX_NODES = 256;
    static final int MAX_DEPTH = 100;

    private final String text;
    private final List<Token> tokens;
    private final Map<String, Integer> columns = new LinkedHashMap<>();
    private int next;
    private int nodes;
    private int depth;

    /** The tree, null for an empty expression, which matches every row as in libsmartcols. */
    record Result(Node root, List<String> columns) {
    }

    private Parser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    static Result parse(String text) throws FilterSyntaxException {
        checkLength(text);
        if (text.isEmpty()) {
            return new Result(null, List.of());
        }
        Parser parser = new Parser(text, Lexer.tokens(text));
        Node root = parser.expression();
        Token rest = parser.current();
        if (rest.kind() == Kind.CLOSE) {
            throw parser.error(rest, "unexpected ')' with no '(' before it");
        }
        if (rest.kind() != Kind.END) {
            throw parser.error(rest, "expected an operator after " + parser.previous().quoted() + ", found " + rest.quoted());
        }
        return new Result(root, List.copyOf(parser.columns.keySet()));
    }

    private static void checkLength(String text) throws FilterSyntaxException {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes > MAX_BYTES) {
                throw new FilterSyntaxException(Lexer.position(text, i), "the expression is longer than " + MAX_BYTES + " bytes");
            }
            i += Character.charCount(c);
        }
    }

    private Node expression() throws FilterSyntaxException {
        Node left = comparison();
        while (current().kind().isLogical()) {
            Token operator = take();
            Node right = comparison();
            left = counted(new Logical(operator.kind() == Kind.AND, left, right), operator);
        }
        return left;
    }

    private Node comparison() throws FilterSyntaxException {
        Node left = unary();
        while (current().kind().isComparison()) {
            Token operator = take();
            if (operator.kind() == Kind.MATCHES || operator.kind() == Kind.NOT_MATCHES) {
                left = counted(new RegexMatch(left, regex(operator), operator.kind() == Kind.NOT_MATCHES), operator);
            } else {
                left = counted(new Comparison(Operator.of(operator.kind()), left, unary()), operator);
            }
        }
        return left;
    }

    private PosixRegex regex(Token operator) throws FilterSyntaxException {
        Token start = current();
        Node operand = unary();
        if (!(operand instanceof Constant constant && constant.datum() instanceof Datum.Str pattern)) {
            throw error(start, "expected a regular expression in quotes after " + operator.quoted() + ", found " + start.quoted());
        }
        try {
            return PosixRegex.compile(pattern.value());
        } catch (RegexSyntaxException e) {
            String where = e.index() == 0 ? "" : " (at character " + (pattern.value().codePointCount(0, e.index()) + 1) + " of it)";
            throw error(start, "invalid regular expression " + MessageText.quote(pattern.value()) + where + ": " + e.getMessage());
        }
    }

    private Node unary() throws FilterSyntaxException {
        if (current().kind() != Kind.NOT) {
            return primary();
        }
        Token not = take();
        enter(not);
        Node operand = unary();
        depth--;
        return counted(new Not(operand), not);
    }

    private Node primary() throws FilterSyntaxException {
        Token token = current();
        switch (token.kind()) {
            case OPEN:
                take();
                enter(token);
                Node inner = expression();
                Token close = current();
                if (close.kind() == Kind.END) {
                    throw error(close, "expected ')' to close the '(' at " + Lexer.position(text, token.start()));
                }
                if (close.kind() != Kind.CLOSE) {
                    throw error(close, "expected an operator or ')' after " + previous().quoted() + ", found " + close.quoted());
                }
                take();
                depth--;
                return inner;
            case NAME:
                take();
                String name = (String) token.value();
                Integer index = columns.get(name);
                if (index == null) {
                    index = columns.size();
                    columns.put(name, index);
                }
                return counted(new Column(name, index), token);
            case STRING:
                return constant(new Datum.Str((String) token.value()));
            case NUMBER:
                return constant(new Datum.U64((Long) token.value()));
            case FLOAT:
                return constant(new Datum.Flt((BigDecimal) token.value()));
            case TRUE:
            case FALSE:
                return constant(new Datum.Bool(token.kind() == Kind.TRUE));
            default:
                String after = next > 0 ? " after " + previous().quoted() : "";
                String found = token.kind() == Kind.END ? "" : ", found " + token.quoted();
                throw error(token, "expected a value" + after + found);
        }
    }

    private Node constant(Datum datum) throws FilterSyntaxException {
        return counted(new Constant(datum), take());
    }

    private Node counted(Node node, Token token) throws FilterSyntaxException {
        if (++nodes > MAX_NODES) {
            throw error(token, "the expression has more than " + MAX_NODES + " values and operators");
        }
        return node;
    }

    private void enter(Token token) throws FilterSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error(token, "parentheses and '!' nest more than " + MAX_DEPTH + " deep");
        }
    }

    private Token current() {
        return tokens.get(next);
    }

    private Token previous() {
        return tokens.get(next - 1);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private FilterSyntaxException error(Token at, String detail) {
        return new FilterSyntaxException(Lexer.position(text, at.start()), detail);
    }
}
