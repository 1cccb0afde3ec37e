package kisgateway.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns intent JSON (docs/schemas/order-intent.schema.json) into a typed, validated {@link Intent}, or refuses
 * it with an {@link InvalidIntentException} that says which field is wrong and why. Amounts are decimal
 * strings; a JSON number where a price belongs is refused rather than trusted through a double.
 * <p>
 * Values are checked exactly as sent: nothing is trimmed first, because a trimmed copy that passes is not the
 * value the sender wrote ({@code "sim\u0000"} once traded on account {@code sim}). Numbers are range-checked
 * as arbitrary-precision values before they become a {@code long}: a narrowing conversion first once turned
 * 2^64 + 5 shares into 5.
 */
public final class IntentParser {

    /** The schema's {@code quantity.maximum}; {@code orders.max-quantity} may only lower it. */
    public static final long QUANTITY_CEILING = 1_000_000_000L;
    /** The schema's {@code timeToLiveMs.maximum} (a day); {@code orders.max-ttl-ms} may only lower it. */
    public static final long TIME_TO_LIVE_CEILING_MS = 86_400_000L;
    /** The schema's price pattern: at most 9 digits, which the orders' numeric(18,4) columns hold. */
    public static final int PRICE_MAX_DIGITS = 9;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    /** KRX short codes are 6 characters; ETNs carry a Q prefix (KIS PDNO). */
    private static final Pattern SYMBOL = Pattern.compile("[0-9A-Z]{6}|Q[0-9A-Z]{6}");
    private static final Pattern PRICE = Pattern.compile("[0-9]{1," + PRICE_MAX_DIGITS + "}");

    // exact decimals: as doubles, 5.0000000000000000001 shares would read as a whole 5
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final Set<String> accounts;
    private final Duration defaultTimeToLive;
    private final Duration maxTimeToLive;
    private final long maxQuantity;
    private final Clock clock;
    private final ParentIntentParser parents;

    public IntentParser(Set<String> accounts, Duration defaultTimeToLive, Duration maxTimeToLive, long maxQuantity,
                        Clock clock) {
        this(accounts, defaultTimeToLive, maxTimeToLive, maxQuantity, clock, new ParentIntentParser(
                new ParentIntentParser.Limits(1000, Duration.ofSeconds(1), Duration.ofHours(8), BigDecimal.valueOf(30))));
    }

    public IntentParser(Set<String> accounts, Duration defaultTimeToLive, Duration maxTimeToLive, long maxQuantity,
                        Clock clock, ParentIntentParser parents) {
        if (maxQuantity < 1 || maxQuantity > QUANTITY_CEILING) {
            throw new IllegalArgumentException("orders.max-quantity must be 1.." + QUANTITY_CEILING + ", not " + maxQuantity);
        }
        if (maxTimeToLive.toMillis() < 1 || maxTimeToLive.toMillis() > TIME_TO_LIVE_CEILING_MS
                || defaultTimeToLive.compareTo(maxTimeToLive) > 0 || defaultTimeToLive.toMillis() < 1) {
            throw new IllegalArgumentException("orders.default-ttl-ms and orders.max-ttl-ms must be 1.."
                    + TIME_TO_LIVE_CEILING_MS + ", the default at most the maximum");
        }
        this.accounts = Set.copyOf(accounts);
        this.defaultTimeToLive = defaultTimeToLive;
        this.maxTimeToLive = maxTimeToLive;
        this.maxQuantity = maxQuantity;
        this.clock = clock;
        this.parents = parents;
    }

    public Intent parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidIntentException("empty intent");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidIntentException("intent is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidIntentException("intent must be a JSON object");
        }
        if (node.has("algorithm") && !"PARENT".equals(node.path("intent").asText())) {
            throw new InvalidIntentException("algorithm belongs to a PARENT intent only");
        }
        Instant now = clock.instant();
        String kind = text(node, "intent", false);
        IntentKind intentKind;
        try {
            intentKind = kind == null ? IntentKind.NEW : IntentKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidIntentException("intent must be NEW, CANCEL, REPLACE or PARENT, not '" + shown(kind) + "'");
        }
        String clientOrderId = id(node, "clientOrderId");
        String account = account(node);
        String strategyId = id(node, "strategyId");
        Duration ttl = timeToLive(node);
        return switch (intentKind) {
            case NEW -> newOrder(node, clientOrderId, account, strategyId, ttl, now);
            case CANCEL -> new CancelIntent(clientOrderId, id(node, "targetClientOrderId"), account, strategyId,
                    quantity(node, false), ttl, now);
            case REPLACE -> replace(node, clientOrderId, account, strategyId, ttl, now);
            // the children's order, with the algorithm that slices it
            case PARENT -> parents.parse(node, newOrder(node, clientOrderId, account, strategyId, ttl, now));
        };
    }

    private OrderIntent newOrder(JsonNode node, String clientOrderId, String account, String strategyId, Duration ttl,
                                 Instant now) {
        String symbol = symbol(node);
        Side side = side(node);
        long quantity = quantity(node, true);
        OrderType type = orderType(node, true);
        Exchange exchange = exchange(node);
        if (!type.isAllowedOn(exchange)) {
            throw new InvalidIntentException("orderType " + type.code() + " (" + type + ") is not accepted on " + exchange);
        }
        BigDecimal price = priceFor(node, type);
        return new OrderIntent(clientOrderId, account, strategyId, symbol, side, quantity, type, price, exchange, ttl, now);
    }

    private ReplaceIntent replace(JsonNode node, String clientOrderId, String account, String strategyId, Duration ttl,
                                  Instant now) {
        String target = id(node, "targetClientOrderId");
        long quantity = quantity(node, false);
        OrderType type = orderType(node, false);
        BigDecimal price = type == null ? optionalPrice(node) : priceFor(node, type);
        if (quantity == 0 && price == null && type == null) {
            throw new InvalidIntentException("a replace must change the quantity, the price or the order type");
        }
        return new ReplaceIntent(clientOrderId, target, account, strategyId, quantity, price, type, ttl, now);
    }

    private BigDecimal priceFor(JsonNode node, OrderType type) {
        BigDecimal price = optionalPrice(node);
        if (type.requiresPrice()) {
            if (price == null) {
                throw new InvalidIntentException("price is required for orderType " + type.code() + " (" + type + ")");
            }
            return price;
        }
        if (price != null && price.signum() != 0) {
            throw new InvalidIntentException("orderType " + type.code() + " (" + type + ") takes no price; got " + price);
        }
        return null;
    }

    private static BigDecimal optionalPrice(JsonNode node) {
        JsonNode p = node.get("price");
        if (p == null || p.isNull()) {
            return null;
        }
        if (!p.isTextual()) {
            throw new InvalidIntentException("price must be a decimal string (\"71000\"), not " + p.getNodeType());
        }
        String text = p.asText();
        if (!PRICE.matcher(text).matches()) {
            throw new InvalidIntentException(whyNotAPrice(text));
        }
        // at most 9 digits: the conversion cannot overflow, and the orders' numeric(18,4) columns hold it
        return new BigDecimal(text);
    }

    /** The reason a price string is refused, said as precisely as the sender needs to fix it. */
    private static String whyNotAPrice(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "price has " + text.length() + " digits; at most " + PRICE_MAX_DIGITS + " (whole won)";
        }
        if (text.startsWith("-")) {
            return "price must not be negative: " + shown(text);
        }
        if (text.matches("[0-9]+\\.[0-9]+")) {
            return "KRX stock prices are whole won: " + shown(text);
        }
        return "price must be whole won in digits only (\"71000\"), not " + shown(text);
    }

    private long quantity(JsonNode node, boolean required) {
        JsonNode q = node.get("quantity");
        if (q == null || q.isNull()) {
            if (required) {
                throw new InvalidIntentException("quantity is required");
            }
            return 0;
        }
        BigDecimal quantity = wholeNumber(q, "quantity", "shares");
        if (quantity.signum() < 0 || required && quantity.signum() == 0) {
            throw new InvalidIntentException("quantity must be positive: " + shown(q));
        }
        if (quantity.compareTo(BigDecimal.valueOf(maxQuantity)) > 0) {
            throw new InvalidIntentException("quantity " + shown(q) + " is above the intake limit " + maxQuantity);
        }
        return quantity.longValueExact();
    }

    /**
     * A JSON number that is a whole number, as an exact decimal: compared with its limits before it becomes a
     * {@code long}, since {@code JsonNode.asLong()} of a big integer keeps only its low 64 bits.
     */
    private static BigDecimal wholeNumber(JsonNode v, String field, String unit) {
        if (!v.isNumber() || ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue()))) {
            throw new InvalidIntentException(field + " must be a whole number of " + unit + ", not " + shown(v));
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new InvalidIntentException(field + " must be a whole number of " + unit + ", not " + shown(v));
        }
        return d;
    }

    private static OrderType orderType(JsonNode node, boolean required) {
        String code = text(node, "orderType", required);
        if (code == null) {
            return null;
        }
        return OrderType.ofCode(code).orElseThrow(() -> new InvalidIntentException(
                "orderType '" + shown(code) + "' is not an accepted KIS ORD_DVSN code (00-07, 11-16)"));
    }

    private static Side side(JsonNode node) {
        String side = text(node, "side", true);
        try {
            return Side.valueOf(side);
        } catch (IllegalArgumentException e) {
            throw new InvalidIntentException("side must be BUY or SELL, not '" + shown(side) + "'");
        }
    }

    private static Exchange exchange(JsonNode node) {
        String exchange = text(node, "exchange", false);
        if (exchange == null) {
            return Exchange.KRX;
        }
        try {
            return Exchange.valueOf(exchange);
        } catch (IllegalArgumentException e) {
            throw new InvalidIntentException("exchange must be KRX, NXT or SOR, not '" + shown(exchange) + "'");
        }
    }

    private static String symbol(JsonNode node) {
        String symbol = text(node, "symbol", true);
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new InvalidIntentException("symbol must be a 6-character KRX code (e.g. 005930), not '" + shown(symbol) + "'");
        }
        return symbol;
    }

    private String account(JsonNode node) {
        String account = text(node, "account", true);
        if (!accounts.contains(account)) {
            throw new InvalidIntentException("account '" + shown(account) + "' is not an account of this gateway");
        }
        return account;
    }

    private Duration timeToLive(JsonNode node) {
        JsonNode t = node.get("timeToLiveMs");
        if (t == null || t.isNull()) {
            return defaultTimeToLive;
        }
        BigDecimal ms = wholeNumber(t, "timeToLiveMs", "milliseconds");
        if (ms.signum() <= 0) {
            throw new InvalidIntentException("timeToLiveMs must be a positive whole number of milliseconds, not " + shown(t));
        }
        if (ms.compareTo(BigDecimal.valueOf(maxTimeToLive.toMillis())) > 0) {
            throw new InvalidIntentException("timeToLiveMs " + shown(t) + " is above the limit " + maxTimeToLive.toMillis());
        }
        return Duration.ofMillis(ms.longValueExact());
    }

    private static String id(JsonNode node, String field) {
        String id = text(node, field, true);
        if (!ID.matcher(id).matches()) {
            throw new InvalidIntentException(field + " must be 1-64 characters of A-Z a-z 0-9 . _ : -, not '" + shown(id) + "'");
        }
        return id;
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidIntentException(field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidIntentException(field + " must be a string, not " + v.getNodeType());
        }
        // as sent: "sim " or "005930\n" is not "sim" or "005930", and is refused as what it is
        return v.asText();
    }

    /**
     * A value as it may appear in a reason (answers, dead-letter headers, logs): control characters escaped so
     * that a hostile value cannot forge a log line, and a huge number or string cut short.
     */
    static String shown(JsonNode v) {
        return shown(v.isTextual() ? v.asText() : v.toString());
    }

    static String shown(String text) {
        StringBuilder sb = new StringBuilder();
        int limit = Math.min(text.length(), 40);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > limit) {
            sb.append("... (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }
}
