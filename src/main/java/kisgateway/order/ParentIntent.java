package kisgateway.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A strategy's parent order: {@code quantity} shares to be worked by the gateway in children over the algorithm's
 * window. {@code clientOrderId} is the parent's idempotency key within the strategy; each child is an ordinary
 * order of {@code orderType} (and {@code price}, for a limit) under a client id derived from the parent.
 */
public record ParentIntent(
        String clientOrderId,
        String account,
        String strategyId,
        String symbol,
        Side side,
        long quantity,
        OrderType orderType,
        BigDecimal price,
        Exchange exchange,
        ParentAlgorithm algorithm,
        Duration timeToLive,
        Instant receivedAt) implements Intent {

    @Override
    public IntentKind kind() {
        return IntentKind.PARENT;
    }
}
