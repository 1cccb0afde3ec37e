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
 */
public final class IntentParser {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    /** KRX short codes are 6 characters; ETNs carry a Q prefix (kis-api-reference.md §3). */
    private static final Pattern SYMBOL = Pattern.compile("[0-9A-Z]{6}|Q[0-9A-Z]{6}");

    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> accounts;
    private final Duration defaultTimeToLive;
    private final Duration maxTimeToLive;
    private final long maxQuantity;
    private final Clock clock;

    public IntentParser(Set<String> accounts, Duration defaultTimeToLive, Duration maxTimeToLive, long maxQuantity,
                        Clock clock) {
        this.accounts = Set.copyOf(accounts);
        this.defaultTimeToLive = defaultTimeToLive;
        this.maxTimeToLive = maxTimeToLive;
        this.maxQuantity = maxQuantity;
        this.clock = clock;
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
        Instant now = clock.instant();
        String kind = text(node, "intent", false);
        IntentKind intentKind;
        try {
            intentKind = kind == null ? IntentKind.NEW : IntentKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidIntentException("intent must be NEW, CANCEL or REPLACE, not '" + kind + "'");
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
        BigDecimal price;
        try {
            price = new BigDecimal(p.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidIntentException("price is not a decimal number: '" + p.asText() + "'");
        }
        if (price.signum() < 0) {
            throw new InvalidIntentException("price must not be negative: " + price);
        }
        if (price.stripTrailingZeros().scale() > 0) {
            throw new InvalidIntentException("KRX stock prices are whole won: " + price);
        }
        return price.setScale(0, java.math.RoundingMode.UNNECESSARY);
    }

    private long quantity(JsonNode node, boolean required) {
        JsonNode q = node.get("quantity");
        if (q == null || q.isNull()) {
            if (required) {
                throw new InvalidIntentException("quantity is required");
            }
            return 0;
        }
        if (!q.canConvertToExactIntegral() || !q.isNumber()) {
            throw new InvalidIntentException("quantity must be a whole number of shares, not " + q);
        }
        long quantity = q.asLong();
        if (quantity <= 0 && required || quantity < 0) {
            throw new InvalidIntentException("quantity must be positive: " + quantity);
        }
        if (quantity > maxQuantity) {
            throw new InvalidIntentException("quantity " + quantity + " is above the intake limit " + maxQuantity);
        }
        return quantity;
    }

    private static OrderType orderType(JsonNode node, boolean required) {
        String code = text(node, "orderType", required);
        if (code == null) {
            return null;
        }
        return OrderType.ofCode(code).orElseThrow(() -> new InvalidIntentException(
                "orderType '" + code + "' is not an accepted KIS ORD_DVSN code (00-07, 11-16)"));
    }

    private static Side side(JsonNode node) {
        String side = text(node, "side", true);
        try {
            return Side.valueOf(side);
        } catch (IllegalArgumentException e) {
            throw new InvalidIntentException("side must be BUY or SELL, not '" + side + "'");
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
            throw new InvalidIntentException("exchange must be KRX, NXT or SOR, not '" + exchange + "'");
        }
    }

    private static String symbol(JsonNode node) {
        String symbol = text(node, "symbol", true);
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new InvalidIntentException("symbol must be a 6-character KRX code (e.g. 005930), not '" + symbol + "'");
        }
        return symbol;
    }

    private String account(JsonNode node) {
        String account = text(node, "account", true);
        if (!accounts.contains(account)) {
            throw new InvalidIntentException("account '" + account + "' is not an account of this gateway");
        }
        return account;
    }

    private Duration timeToLive(JsonNode node) {
        JsonNode t = node.get("timeToLiveMs");
        if (t == null || t.isNull()) {
            return defaultTimeToLive;
        }
        if (!t.canConvertToExactIntegral() || t.asLong() <= 0) {
            throw new InvalidIntentException("timeToLiveMs must be a positive whole number of milliseconds, not " + t);
        }
        Duration ttl = Duration.ofMillis(t.asLong());
        if (ttl.compareTo(maxTimeToLive) > 0) {
            throw new InvalidIntentException("timeToLiveMs " + t.asLong() + " is above the limit " + maxTimeToLive.toMillis());
        }
        return ttl;
    }

    private static String id(JsonNode node, String field) {
        String id = text(node, field, true);
        if (!ID.matcher(id).matches()) {
            throw new InvalidIntentException(field + " must be 1-64 characters of A-Z a-z 0-9 . _ : -, not '" + id + "'");
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
        return v.asText().trim();
    }
}
