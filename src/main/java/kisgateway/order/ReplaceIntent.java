package kisgateway.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Revise the unfilled remainder of an order: a new price and/or a new quantity. KIS answers with a new ODNO,
 * which the gateway keeps on the same order (the chain stays in the order's events).
 *
 * @param quantity the new quantity of the remainder, or 0 to keep it
 * @param price    the new limit price (required when the order type takes a price)
 */
public record ReplaceIntent(
        String clientOrderId,
        String targetClientOrderId,
        String account,
        String strategyId,
        long quantity,
        BigDecimal price,
        OrderType orderType,
        Duration timeToLive,
        Instant receivedAt) implements Intent {

    @Override
    public IntentKind kind() {
        return IntentKind.REPLACE;
    }
}
