package kisgateway.order.parent;

import java.time.Instant;
import java.util.UUID;
import kisgateway.order.AlgorithmKind;

/** One appended parent-order event with the parent's fields a subscriber selects on (kis.order.events). */
public record ParentEventRecord(long eventId, UUID parentOrderId, int seq, String eventType, String fromState,
                                String toState, String cause, String detailJson, Instant occurredAt,
                                String clientOrderId, String account, String strategyId, String symbol, String side,
                                AlgorithmKind algorithm) {
}
