package kisgateway.order;

import static kisgateway.order.OrderEventType.*;
import static kisgateway.order.OrderState.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one transition table of the order state machine: {@code (state, event) -> state}. Anything the table
 * does not list is an illegal transition, which the caller records instead of throwing the message away.
 *
 * <p>Real-world edges are listed on purpose: a fill reported before the REST answer (SUBMITTED -> filled), a
 * late ACK after a fill (the fill wins, the ack only brings the order number), a fill after a cancel was
 * requested (CANCEL_PENDING -> PARTIAL_FILLED/FILLED), a fill after the cancel (CANCELED -> FILLED for the
 * racing remainder), a cancel the broker refused (CANCEL_PENDING -> back to working). "Working" targets
 * resolve to ACKED or PARTIAL_FILLED by whether anything has filled.
 */
public final class OrderStateMachine {

    /** A target that depends on the order: ACKED if nothing filled yet, PARTIAL_FILLED otherwise. */
    private static final OrderState WORKING = null;

    private static final Map<OrderState, Map<OrderEventType, Optional<OrderState>>> TABLE = new EnumMap<>(OrderState.class);

    static {
        row(INTENT_CREATED, DENY, DENIED);
        row(INTENT_CREATED, EXPIRE, EXPIRED);
        row(INTENT_CREATED, SUBMIT, SUBMITTED);
        row(INTENT_CREATED, SHADOW, SHADOWED);

        row(SUBMITTED, ACK, ACKED);
        row(SUBMITTED, REJECT, REJECTED);
        row(SUBMITTED, DENY, DENIED);
        // the rate budget had no slot within the time-to-live: the request never left
        row(SUBMITTED, EXPIRE, EXPIRED);
        row(SUBMITTED, AMBIGUOUS, RECONCILE_REQUIRED);
        row(SUBMITTED, PARTIAL_FILL, PARTIAL_FILLED);
        row(SUBMITTED, COMPLETE_FILL, FILLED);
        row(SUBMITTED, BROKER_CANCEL, CANCELED);

        row(ACKED, PARTIAL_FILL, PARTIAL_FILLED);
        row(ACKED, COMPLETE_FILL, FILLED);
        row(ACKED, CANCEL_REQUEST, CANCEL_PENDING);
        row(ACKED, REPLACE_REQUEST, REPLACE_PENDING);
        row(ACKED, BROKER_CANCEL, CANCELED);
        row(ACKED, EXPIRE, EXPIRED);
        row(ACKED, ACK, ACKED);
        // the exchange refused an order KIS had accepted (execution notice RFUS_YN=1)
        row(ACKED, REJECT, REJECTED);

        row(PARTIAL_FILLED, PARTIAL_FILL, PARTIAL_FILLED);
        row(PARTIAL_FILLED, COMPLETE_FILL, FILLED);
        row(PARTIAL_FILLED, CANCEL_REQUEST, CANCEL_PENDING);
        row(PARTIAL_FILLED, REPLACE_REQUEST, REPLACE_PENDING);
        row(PARTIAL_FILLED, BROKER_CANCEL, CANCELED);
        row(PARTIAL_FILLED, EXPIRE, EXPIRED);
        // the REST answer arrives after the execution notice: keep the fill, take the order number
        row(PARTIAL_FILLED, ACK, PARTIAL_FILLED);
        // a cancel or revision acknowledged after a partial fill moved the order on
        row(PARTIAL_FILLED, CANCEL_ACK, CANCELED);
        row(PARTIAL_FILLED, CANCEL_REJECT, PARTIAL_FILLED);
        row(PARTIAL_FILLED, REPLACE_ACK, PARTIAL_FILLED);
        row(PARTIAL_FILLED, REPLACE_REJECT, PARTIAL_FILLED);

        row(FILLED, ACK, FILLED);

        row(CANCEL_PENDING, CANCEL_ACK, CANCELED);
        row(CANCEL_PENDING, CANCEL_REJECT, WORKING);
        row(CANCEL_PENDING, PARTIAL_FILL, PARTIAL_FILLED);
        row(CANCEL_PENDING, COMPLETE_FILL, FILLED);
        row(CANCEL_PENDING, BROKER_CANCEL, CANCELED);
        row(CANCEL_PENDING, AMBIGUOUS, CANCEL_PENDING);

        row(CANCELED, PARTIAL_FILL, CANCELED);
        row(CANCELED, COMPLETE_FILL, FILLED);
        row(CANCELED, CANCEL_ACK, CANCELED);
        row(CANCELED, BROKER_CANCEL, CANCELED);

        row(REPLACE_PENDING, REPLACE_ACK, WORKING);
        row(REPLACE_PENDING, REPLACE_REJECT, WORKING);
        row(REPLACE_PENDING, PARTIAL_FILL, PARTIAL_FILLED);
        row(REPLACE_PENDING, COMPLETE_FILL, FILLED);
        row(REPLACE_PENDING, BROKER_CANCEL, CANCELED);
        row(REPLACE_PENDING, AMBIGUOUS, REPLACE_PENDING);

        row(RECONCILE_REQUIRED, RECONCILE_ACKED, ACKED);
        row(RECONCILE_REQUIRED, RECONCILE_PARTIAL, PARTIAL_FILLED);
        row(RECONCILE_REQUIRED, RECONCILE_FILLED, FILLED);
        row(RECONCILE_REQUIRED, RECONCILE_CANCELED, CANCELED);
        row(RECONCILE_REQUIRED, RECONCILE_ABSENT, REJECTED);
        row(RECONCILE_REQUIRED, ACK, ACKED);
        row(RECONCILE_REQUIRED, PARTIAL_FILL, PARTIAL_FILLED);
        row(RECONCILE_REQUIRED, COMPLETE_FILL, FILLED);
    }

    private static void row(OrderState from, OrderEventType event, OrderState to) {
        Map<OrderEventType, Optional<OrderState>> byEvent =
                TABLE.computeIfAbsent(from, s -> new EnumMap<>(OrderEventType.class));
        if (byEvent.put(event, Optional.ofNullable(to)) != null) {
            throw new IllegalStateException("transition table lists " + from + " x " + event + " twice");
        }
    }

    private OrderStateMachine() {
    }

    /**
     * @param filledQuantity what has filled so far, for the targets that go back to working
     * @return the next state, or empty when the table does not allow the event in that state
     */
    public static Optional<OrderState> next(OrderState state, OrderEventType event, long filledQuantity) {
        Map<OrderEventType, Optional<OrderState>> byEvent = TABLE.get(state);
        if (byEvent == null || !byEvent.containsKey(event)) {
            return Optional.empty();
        }
        Optional<OrderState> target = byEvent.get(event);
        return Optional.of(target.orElse(filledQuantity > 0 ? PARTIAL_FILLED : ACKED));
    }

    public static boolean allows(OrderState state, OrderEventType event) {
        Map<OrderEventType, Optional<OrderState>> byEvent = TABLE.get(state);
        return byEvent != null && byEvent.containsKey(event);
    }

    /** Every row of the table, for documentation and tests. */
    public static List<String> rows() {
        List<String> out = new ArrayList<>();
        TABLE.forEach((from, byEvent) -> byEvent.forEach((event, to) ->
                out.add(from + " x " + event + " -> " + to.map(Enum::name).orElse("ACKED|PARTIAL_FILLED"))));
        return Collections.unmodifiableList(out);
    }
}
