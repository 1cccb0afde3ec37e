package kisgateway.order;

import java.time.Instant;
import java.util.UUID;

/** One appended order event with the order fields a subscriber selects on (kis.order.events). */
public record OrderEventRecord(
        long eventId,
        UUID orderId,
        int seq,
        String eventType,
        String fromState,
        String toState,
        String cause,
        String detailJson,
        Instant occurredAt,
        String clientOrderId,
        String account,
        String strategyId,
        String symbol,
        String side,
        boolean shadow) {
}
