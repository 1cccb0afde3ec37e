package kisgateway.order.parent;

import java.math.BigDecimal;
import java.time.Instant;
import kisgateway.order.OrderState;

/**
 * A parent's child as the orders table has it: {@code state} is null while the child is recorded but no order
 * exists under its client id yet (planned, not sent: a crash in between, or a send still under way).
 */
public record ChildOrder(int sliceNo, String clientOrderId, long plannedQuantity, Instant recordedAt, OrderState state,
                         long filledQuantity, BigDecimal avgFillPrice, long remainingQuantity) {

    public boolean sent() {
        return state != null;
    }

    /**
     * May still fill: resting, being sent, or of unknown outcome (RECONCILE_REQUIRED is never resent: it counts
     * as working until reconciliation settles it).
     */
    public boolean working() {
        return state != null && !state.isTerminal();
    }

    /** Resting at KIS, so a cancel can be sent for it. */
    public boolean cancellable() {
        return state == OrderState.ACKED || state == OrderState.PARTIAL_FILLED;
    }

    /** Refused outright, nothing filled: the gateway's risk check (DENIED) or KIS (REJECTED). */
    public boolean refused() {
        return (state == OrderState.DENIED || state == OrderState.REJECTED) && filledQuantity == 0;
    }
}
