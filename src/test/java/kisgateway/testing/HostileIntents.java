package kisgateway.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated intents of every kind (NEW, CANCEL, REPLACE), each with one field (or several) set to a value outside
 * what the intent schema allows: numbers beyond their range (including ones that wrap in 64 bits), strings with
 * surrounding spaces, control characters or line breaks, wrong case, wrong types, over-long prices. Every one of
 * them must be refused; none may become an order at KIS. Seeded, so a failure can be replayed.
 */
public final class HostileIntents {

    /** An intent as JSON, and what was done to it (for the assertion message). */
    public record Hostile(String kind, String json, String mutation) {
    }

    private static final String[] DECORATIONS = {" %s", "%s ", "%s\\n", "%s\\r\\n", "%s\\u0000", "\\u0000%s", "%s\\t",
            "%s\\u2028", "%s\\u0085", "%s\\u00a0", "%s\\u200b", "\\ufeff%s", "%s\\r", "%s\\u001b[0m", "\\n%s"};
    private static final String[] WRONG_TYPES = {"1", "true", "[]", "{}", "[\"%s\"]", "{\"v\":\"%s\"}"};
    private static final String[] QUANTITIES = {"18446744073709551621", "18446744073709551616", "9223372036854775808",
            "9223372036854775813", "4294967301", "1000000001", "1000001", "-1", "-18446744073709551611",
            "-9223372036854775808", "1.5", "5.0000000000000000001", "1e400", "-1e400", "1e19", "2e9", "5e-400",
            "\"5\"", "\" 5\"", "true", "[5]", "{}", "1E+1000", "99999999999999999999999999999999999999999"};
    private static final String[] TIMES_TO_LIVE = {"18446744073709552616", "9223372036854775808", "86400001", "60001",
            "0", "-1", "-18446744073709550616", "1.5", "1e400", "\"1000\"", "false", "4294968296"};
    private static final String[] PRICES = {"\"10000000000\"", "\"1234567890\"", "\"-1\"", "\"71000.5\"", "\"71000 \"",
            "\" 71000\"", "\"71000\\n\"", "\"71000\\u0000\"", "\"+71000\"", "\"7.1e4\"", "\"0x1F\"", "\"\"",
            "\"\\u0667\\u0661\\u0660\\u0660\\u0660\"", "71000", "\"00000000000000000000\"", "\"71,000\"", "true"};

    /** Marks the first of two entries of one key (a map holds one entry per key). */
    private static final String DUPLICATE = "#duplicate";

    private final Random random;
    private final String account;
    private final String strategy;
    private final String target;

    public HostileIntents(long seed, String account, String strategy, String target) {
        this.random = new Random(seed);
        this.account = account;
        this.strategy = strategy;
        this.target = target;
    }

    /** {@code count} hostile intents; every field of every kind is mutated in turn, then at random. */
    public List<Hostile> generate(int count, String idPrefix) {
        List<Hostile> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String kind = new String[] {"NEW", "NEW_LIMIT", "CANCEL", "REPLACE"}[i % 4];
            Map<String, String> fields = base(kind, idPrefix + i);
            List<String> names = new ArrayList<>(fields.keySet());
            // optional fields the kind may carry but the base leaves out
            names.addAll(switch (kind) {
                case "NEW" -> List.of("price");
                case "CANCEL" -> List.of("quantity");
                case "REPLACE" -> List.of("orderType");
                default -> List.<String>of();
            });
            // the first rounds go through every field in order, so each is covered even in a short run
            String first = names.get((i / 4) % names.size());
            StringBuilder what = new StringBuilder(mutate(kind, fields, first));
            int more = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
            for (int m = 0; m < more; m++) {
                what.append(" + ").append(mutate(kind, fields, names.get(random.nextInt(names.size()))));
            }
            out.add(new Hostile(kind, json(fields), what.toString()));
        }
        return out;
    }

    /** A valid intent of the kind (JSON values, already quoted). */
    public Map<String, String> base(String kind, String clientOrderId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("clientOrderId", q(clientOrderId));
        f.put("account", q(account));
        f.put("strategyId", q(strategy));
        switch (kind) {
            case "NEW", "NEW_LIMIT" -> {
                f.put("intent", q("NEW"));
                f.put("symbol", q("005930"));
                f.put("side", q("BUY"));
                f.put("quantity", "1");
                f.put("orderType", q(kind.equals("NEW") ? "01" : "00"));
                if (kind.equals("NEW_LIMIT")) {
                    f.put("price", q("50000"));
                }
                f.put("exchange", q("KRX"));
                f.put("timeToLiveMs", "5000");
            }
            case "CANCEL" -> {
                f.put("intent", q("CANCEL"));
                f.put("targetClientOrderId", q(target));
                f.put("timeToLiveMs", "5000");
            }
            case "REPLACE" -> {
                f.put("intent", q("REPLACE"));
                f.put("targetClientOrderId", q(target));
                f.put("quantity", "2");
                f.put("price", q("50100"));
                f.put("timeToLiveMs", "5000");
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return f;
    }

    public static String json(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(q(k.replace(DUPLICATE, ""))).append(':')
                .append(v));
        return sb.append('}').toString();
    }

    private String mutate(String kind, Map<String, String> f, String field) {
        String value = switch (field) {
            case "quantity" -> pick(kind.equals("NEW") || kind.equals("NEW_LIMIT") ? withZero(QUANTITIES) : QUANTITIES);
            case "timeToLiveMs" -> pick(TIMES_TO_LIVE);
            case "price" -> pick(PRICES);
            default -> hostileText(field, f.get(field) == null ? defaultOf(field, kind) : unquote(f.get(field)));
        };
        if (field.equals("price") && kind.equals("NEW")) {
            // a market order takes no price; an over-long zero would once have passed as "no price"
            value = random.nextBoolean() ? value : "\"00000000000000000000\"";
        }
        if (random.nextInt(20) == 0) {
            // a duplicate key: JSON parsers keep the last, so the hostile value goes last
            String valid = f.getOrDefault(field, q(defaultOf(field, kind)));
            f.remove(field);
            f.put(field + DUPLICATE, valid);
            f.put(field, value);
            return field + " (duplicated) = " + value;
        }
        f.put(field, value);
        return field + " = " + value;
    }

    private String hostileText(String field, String valid) {
        int choice = random.nextInt(10);
        if (choice < 6) {
            return q(String.format(pick(DECORATIONS), valid));
        }
        if (choice < 8) {
            return String.format(pick(WRONG_TYPES), valid);
        }
        return switch (field) {
            case "clientOrderId", "targetClientOrderId", "strategyId" -> q(random.nextBoolean() ? "x".repeat(65) : valid + " x");
            case "account" -> q(random.nextBoolean() ? valid.toUpperCase() : "");
            case "symbol" -> q(pick(new String[] {"05930", "0059300", "005930\\n", "q005930", ""}));
            default -> q(random.nextBoolean() && !valid.toLowerCase().equals(valid) ? valid.toLowerCase() : valid + valid);
        };
    }

    private static String defaultOf(String field, String kind) {
        return switch (field) {
            case "intent" -> kind.startsWith("NEW") ? "NEW" : kind;
            case "exchange" -> "KRX";
            case "orderType" -> "01";
            default -> "x";
        };
    }

    private static String[] withZero(String[] values) {
        String[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = "0";
        return out;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static String unquote(String json) {
        return json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
    }
}
