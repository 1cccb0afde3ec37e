package kisgateway.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A strategy's request for a new order, validated. {@code clientOrderId} is the idempotency key within the
 * strategy: the same id never produces a second KIS order (another strategy's same id is another order).
 */
public record OrderIntent(
        String clientOrderId,
        String account,
        String strategyId,
        String symbol,
        Side side,
        long quantity,
        OrderType orderType,
        BigDecimal price,
        Exchange exchange,
        Duration timeToLive,
        Instant receivedAt) implements Intent {

    @Override
    public IntentKind kind() {
        return IntentKind.NEW;
    }
}
