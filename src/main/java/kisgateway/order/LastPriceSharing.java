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
 * {@code {"instance":"<id>","prices":{"005930":"71900",...}}}; a receiver counts those prices as streamed for
 * the lease, so a sharer that stops (dies, loses the lead, loses its socket) costs at most a lease of
 * streamed-age trust before polling takes over.
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
        Map<String, BigDecimal> own = prices.streamedPrices();
        if (own.isEmpty()) {
            return null;
        }
        ObjectNode root = JSON.createObjectNode().put("instance", instance);
        ObjectNode body = root.putObject("prices");
        own.forEach((symbol, price) -> body.put(symbol, price.toPlainString()));
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
        Map<String, BigDecimal> shared = new LinkedHashMap<>();
        var fields = root.get("prices").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            BigDecimal price;
            try {
                price = new BigDecimal(e.getValue().asText());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("last-price share has no price for " + e.getKey());
            }
            if (price.signum() <= 0) {
                throw new IllegalArgumentException("last-price share has no positive price for " + e.getKey());
            }
            shared.put(e.getKey(), price);
        }
        prices.adoptShared(shared, clock.instant().plus(lease));
        return shared.size();
    }

    /** This instance's id in the messages (random per start). */
    public String instance() {
        return instance;
    }
}
