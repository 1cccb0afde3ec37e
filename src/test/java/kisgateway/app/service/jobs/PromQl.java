package kisgateway.app.service.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small PromQL reader for the repository's dashboard and alert rules (no Prometheus binary offline): it parses
 * an expression by PromQL's grammar for what the files use (selectors with matchers, ranges, functions,
 * aggregations with by/without, binary operators with bool, on/ignoring and group modifiers, numbers, strings,
 * parentheses) and refuses anything else: unbalanced brackets, an unknown function, a wrong number of arguments,
 * a range where an instant vector belongs or none where a range belongs, a malformed by clause. It returns the
 * metric names the expression reads.
 */
final class PromQl {

    /** Functions by their arguments: 'v' instant vector, 'r' range vector, 's' scalar, '?' optional instant. */
    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("rate", "r"), Map.entry("irate", "r"), Map.entry("increase", "r"), Map.entry("delta", "r"),
            Map.entry("avg_over_time", "r"), Map.entry("max_over_time", "r"), Map.entry("min_over_time", "r"),
            Map.entry("histogram_quantile", "sv"), Map.entry("absent", "v"), Map.entry("time", ""),
            Map.entry("hour", "?"), Map.entry("day_of_week", "?"), Map.entry("vector", "s"), Map.entry("scalar", "v"),
            Map.entry("clamp_min", "vs"), Map.entry("clamp_max", "vs"), Map.entry("abs", "v"));
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "count", "topk", "bottomk",
            "quantile", "stddev", "group");
    private static final Set<String> WITH_PARAMETER = Set.of("topk", "bottomk", "quantile");
    private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless");

    /** What a sub-expression evaluates to. */
    private enum Type { INSTANT, RANGE, SCALAR, STRING }

    private final String text;
    private final List<String> tokens;
    private int at;
    private final Set<String> metrics = new LinkedHashSet<>();

    private PromQl(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /** @return the metric names the expression reads; throws IllegalArgumentException when it is not well formed */
    static Set<String> metricsOf(String expression) {
        PromQl p = new PromQl(expression);
        Type t = p.expression();
        if (p.at != p.tokens.size()) {
            throw p.error("unexpected '" + p.tokens.get(p.at) + "'");
        }
        if (t == Type.RANGE) {
            throw p.error("a range vector is not a result");
        }
        return p.metrics;
    }

    private Type expression() {
        Type left = unary();
        while (at < tokens.size() && isBinary(tokens.get(at))) {
            String op = tokens.get(at++);
            if (peek("bool")) {
                at++;
            }
            if (peek("on") || peek("ignoring")) {
                at++;
                labels();
                if (peek("group_left") || peek("group_right")) {
                    at++;
                    if (peek("(")) {
                        labels();
                    }
                }
            }
            Type right = unary();
            if (left == Type.RANGE || right == Type.RANGE) {
                throw error("'" + op + "' between range vectors");
            }
            if (SET_OPERATORS.contains(op) && (left != Type.INSTANT || right != Type.INSTANT)) {
                throw error("'" + op + "' needs instant vectors on both sides");
            }
            left = left == Type.SCALAR && right == Type.SCALAR ? Type.SCALAR : Type.INSTANT;
        }
        return left;
    }

    private Type unary() {
        if (peek("-") || peek("+")) {
            at++;
        }
        return primary();
    }

    private Type primary() {
        String t = next();
        if (t.equals("(")) {
            Type inner = expression();
            expect(")");
            return range(inner);
        }
        if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.') {
            number(t);
            return Type.SCALAR;
        }
        if (t.startsWith("\"")) {
            return Type.STRING;
        }
        if (t.equals("{")) {
            at--;
            matchers();
            throw error("a selector without a metric name");
        }
        if (!isIdentifier(t)) {
            throw error("unexpected '" + t + "'");
        }
        if (AGGREGATIONS.contains(t)) {
            return aggregation(t);
        }
        if (peek("(")) {
            return function(t);
        }
        if (KEYWORDS.contains(t)) {
            throw error("'" + t + "' where a metric belongs");
        }
        metrics.add(t);
        if (peek("{")) {
            matchers();
        }
        Type type = range(Type.INSTANT);
        if (peek("offset")) {
            at++;
            duration(next());
        }
        return type;
    }

    private Type range(Type inner) {
        if (!peek("[")) {
            return inner;
        }
        if (inner != Type.INSTANT) {
            throw error("a range of something that is not an instant vector");
        }
        at++;
        duration(next());
        expect("]");
        return Type.RANGE;
    }

    private Type aggregation(String name) {
        boolean grouped = false;
        if (peek("by") || peek("without")) {
            at++;
            labels();
            grouped = true;
        }
        expect("(");
        if (WITH_PARAMETER.contains(name)) {
            if (expression() != Type.SCALAR) {
                throw error(name + "'s first argument is a scalar");
            }
            expect(",");
        }
        if (expression() != Type.INSTANT) {
            throw error(name + " aggregates an instant vector");
        }
        expect(")");
        if (!grouped && (peek("by") || peek("without"))) {
            at++;
            labels();
        }
        return Type.INSTANT;
    }

    private Type function(String name) {
        String signature = FUNCTIONS.get(name);
        if (signature == null) {
            throw error("unknown function " + name + "()");
        }
        expect("(");
        List<Type> args = new ArrayList<>();
        if (!peek(")")) {
            args.add(expression());
            while (peek(",")) {
                at++;
                args.add(expression());
            }
        }
        expect(")");
        boolean optional = signature.equals("?");
        if (optional ? args.size() > 1 : args.size() != signature.length()) {
            throw error(name + "() takes " + (optional ? "at most 1" : signature.length()) + " arguments, not "
                    + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            char want = optional ? 'v' : signature.charAt(i);
            Type got = args.get(i);
            boolean ok = switch (want) {
                case 'r' -> got == Type.RANGE;
                case 's' -> got == Type.SCALAR;
                default -> got == Type.INSTANT;
            };
            if (!ok) {
                throw error(name + "() argument " + (i + 1) + " is a " + got + ", not a "
                        + (want == 'r' ? "range vector" : want == 's' ? "scalar" : "instant vector"));
            }
        }
        return name.equals("time") || name.equals("scalar") ? Type.SCALAR : Type.INSTANT;
    }

    /** ( label, label ... ), possibly empty. */
    private void labels() {
        expect("(");
        if (peek(")")) {
            at++;
            return;
        }
        do {
            String label = next();
            if (!isIdentifier(label)) {
                throw error("'" + label + "' is not a label name");
            }
        } while (peek(",") && next().equals(","));
        expect(")");
    }

    /** { label op "value", ... } */
    private void matchers() {
        expect("{");
        while (!peek("}")) {
            String label = next();
            if (!isIdentifier(label)) {
                throw error("'" + label + "' is not a label name");
            }
            String op = next();
            if (!Set.of("=", "!=", "=~", "!~").contains(op)) {
                throw error("'" + op + "' is not a label matcher");
            }
            if (!next().startsWith("\"")) {
                throw error("a matcher's value is a string");
            }
            if (peek(",")) {
                at++;
            }
        }
        expect("}");
    }

    private static void number(String t) {
        try {
            Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + t);
        }
    }

    private void duration(String t) {
        if (!t.matches("([0-9]+(ms|s|m|h|d|w|y))+")) {
            throw error("'" + t + "' is not a duration");
        }
    }

    private static boolean isBinary(String t) {
        return Set.of("+", "-", "*", "/", "%", "^", "==", "!=", ">", "<", ">=", "<=").contains(t)
                || SET_OPERATORS.contains(t);
    }

    private static boolean isIdentifier(String t) {
        return t.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
    }

    private boolean peek(String t) {
        return at < tokens.size() && tokens.get(at).equals(t);
    }

    private String next() {
        if (at >= tokens.size()) {
            throw error("the expression ends too early");
        }
        return tokens.get(at++);
    }

    private void expect(String t) {
        String got = next();
        if (!got.equals(t)) {
            throw error("expected '" + t + "', found '" + got + "'");
        }
    }

    private IllegalArgumentException error(String why) {
        return new IllegalArgumentException(why + " (token " + at + ") in: " + text);
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("an unterminated string in: " + s);
                }
                out.add("\"" + s.substring(i + 1, end) + "\"");
                i = end + 1;
            } else if ("(){}[],".indexOf(c) >= 0) {
                depth += "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
                if (depth < 0) {
                    throw new IllegalArgumentException("'" + c + "' closes nothing in: " + s);
                }
                out.add(String.valueOf(c));
                i++;
            } else if ("=!<>~".indexOf(c) >= 0) {
                int j = i + 1;
                while (j < s.length() && "=~".indexOf(s.charAt(j)) >= 0 && j - i < 2) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else if ("+-*/%^".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || "_:.".indexOf(s.charAt(j)) >= 0)) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                throw new IllegalArgumentException("'" + c + "' in: " + s);
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced brackets in: " + s);
        }
        return out;
    }
}
