package kisgateway.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderState;
import kisgateway.order.OrderStateMachine;

/**
 * The events reconciliation would apply to one order, run through the order state machine's own transition table
 * before anything is emitted: the settlements before the fills, the fills (classified as the order store does:
 * COMPLETE_FILL when the cumulative quantity reaches the order's), the settlements after. A step the table does
 * not allow, or an overfill, fails the whole plan: the order becomes a break, never half a settlement.
 */
final class SettlementPlan {

    /** One event of the plan with the states around it. */
    record Step(OrderEventType event, OrderState from, OrderState to) {
    }

    /** What the simulation found. */
    record Result(List<Step> before, List<Step> after, OrderState finalState, long finalFilled, String failure) {
        boolean legal() {
            return failure == null;
        }
    }

    private SettlementPlan() {
    }

    static Result simulate(OrderState start, long filled, long quantity, List<OrderEventType> before,
                           List<Long> fillQuantities, List<OrderEventType> after) {
        OrderState state = start;
        long cumulative = filled;
        List<Step> beforeSteps = new ArrayList<>();
        for (OrderEventType event : before) {
            Optional<OrderState> next = OrderStateMachine.next(state, event, cumulative);
            if (next.isEmpty()) {
                return failed(beforeSteps, state, cumulative, state + " x " + event + " is not in the transition table");
            }
            beforeSteps.add(new Step(event, state, next.get()));
            state = next.get();
        }
        for (long q : fillQuantities) {
            long reached = cumulative + q;
            if (q <= 0 || reached > quantity) {
                return failed(beforeSteps, state, cumulative, "a fill of " + q + " after " + cumulative
                        + " would overfill the order's " + quantity);
            }
            OrderEventType event = reached == quantity ? OrderEventType.COMPLETE_FILL : OrderEventType.PARTIAL_FILL;
            Optional<OrderState> next = OrderStateMachine.next(state, event, reached);
            if (next.isEmpty()) {
                return failed(beforeSteps, state, cumulative, state + " x " + event + " (fill of " + q
                        + ") is not in the transition table");
            }
            state = next.get();
            cumulative = reached;
        }
        List<Step> afterSteps = new ArrayList<>();
        for (OrderEventType event : after) {
            Optional<OrderState> next = OrderStateMachine.next(state, event, cumulative);
            if (next.isEmpty()) {
                return new Result(beforeSteps, afterSteps, state, cumulative,
                        state + " x " + event + " is not in the transition table");
            }
            afterSteps.add(new Step(event, state, next.get()));
            state = next.get();
        }
        return new Result(List.copyOf(beforeSteps), List.copyOf(afterSteps), state, cumulative, null);
    }

    private static Result failed(List<Step> before, OrderState state, long filled, String why) {
        return new Result(List.copyOf(before), List.of(), state, filled, why);
    }
}
