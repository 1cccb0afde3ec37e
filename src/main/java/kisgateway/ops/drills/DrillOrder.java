package kisgateway.ops.drills;

import kisgateway.order.OrderState;

/** A drill order as the order flow left it: its state and, when denied or rejected, why. */
public record DrillOrder(String clientOrderId, OrderState state, String reason) {
}
