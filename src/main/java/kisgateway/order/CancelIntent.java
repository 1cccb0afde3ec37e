package kisgateway.order;

import java.time.Duration;
import java.time.Instant;

/**
 * Cancel the unfilled remainder (or part of it) of an order. {@code clientOrderId} is this request's own
 * idempotency key; {@code targetClientOrderId} names the order.
 *
 * @param quantity how many to cancel, or 0 for all that remains
 */
public record CancelIntent(
        String clientOrderId,
        String targetClientOrderId,
        String account,
        String strategyId,
        long quantity,
        Duration timeToLive,
        Instant receivedAt) implements Intent {

    @Override
    public IntentKind kind() {
        return IntentKind.CANCEL;
    }
}
