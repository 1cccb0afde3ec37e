package kisgateway.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Shares the last prices this instance's trade stream keeps current with the instances that have no realtime
 * socket (only the instance leading the fill route holds one; the others screen orders too, and would otherwise
 * poll inquire-price out of the same app keys' budgets). The message is
 * {@code {"instance":"<id>","prices":{"005930":{"price":"71900","ageMs":1200},...}}}; a receiver counts those
 * prices as streamed for the lease, so a sharer that stops (dies, loses the lead, loses its socket) costs at most
 * a lease of streamed-age trust before polling takes over, and keeps each price's age, so a quiet symbol's price
 * is looked up there as it would be at the sharer.
 */
public final class LastPriceSharing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instance = UUID.randomUUID().toString();
    private final MarketPrices prices;
    private final Duration lease;
    private final Clock clock;

    public LastPriceSharing(MarketPrices prices, Duration lease, Clock clock) {
        this.prices = prices;
        this.lease = lease;
        this.clock = clock;
    }

    /** This instance's streamed prices as a message, or null when it streams none. */
    public String snapshot() {
        Map<String, MarketPrices.StreamedPrice> own = prices.streamedPrices();
        if (own.isEmpty()) {
            return null;
        }
        ObjectNode root = JSON.createObjectNode().put("instance", instance);
        ObjectNode body = root.putObject("prices");
        own.forEach((symbol, p) -> body.putObject(symbol).put("price", p.price().toPlainString())
                .put("ageMs", Math.max(0, p.age().toMillis())));
        return root.toString();
    }

    /**
     * Takes another instance's prices (its own are ignored).
     *
     * @return how many prices were taken
     * @throws IllegalArgumentException when the message is not a price share
     */
    public int adopt(String message) {
        JsonNode root;
        try {
            root = JSON.readTree(message == null ? "" : message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable last-price share: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("instance").isTextual() || !root.path("prices").isObject()) {
            throw new IllegalArgumentException("a last-price share needs an instance and a prices object");
        }
        if (instance.equals(root.get("instance").asText())) {
            return 0;
        }
        Map<String, MarketPrices.StreamedPrice> shared = new LinkedHashMap<>();
        var fields = root.get("prices").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            BigDecimal price;
            try {
                price = new BigDecimal(e.getValue().path("price").asText());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("last-price share has no price for " + e.getKey());
            }
            if (price.signum() <= 0) {
                throw new IllegalArgumentException("last-price share has no positive price for " + e.getKey());
            }
            JsonNode age = e.getValue().path("ageMs");
            if (!age.canConvertToLong() || age.asLong() < 0) {
                throw new IllegalArgumentException("last-price share has no age for " + e.getKey());
            }
            shared.put(e.getKey(), new MarketPrices.StreamedPrice(price, Duration.ofMillis(age.asLong())));
        }
        prices.adoptShared(shared, clock.instant().plus(lease));
        return shared.size();
    }

    /** This instance's id in the messages (random per start). */
    public String instance() {
        return instance;
    }
}
