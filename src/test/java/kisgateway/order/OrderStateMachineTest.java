package kisgateway.order;

import static kisgateway.order.OrderEventType.*;
import static kisgateway.order.OrderState.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderStateMachineTest {

    @ParameterizedTest(name = "{0} x {1} (filled {2}) -> {3}")
    @CsvSource({
            "INTENT_CREATED, SUBMIT, 0, SUBMITTED",
            "INTENT_CREATED, DENY, 0, DENIED",
            "INTENT_CREATED, EXPIRE, 0, EXPIRED",
            "SUBMITTED, ACK, 0, ACKED",
            "SUBMITTED, REJECT, 0, REJECTED",
            "SUBMITTED, AMBIGUOUS, 0, RECONCILE_REQUIRED",
            "SUBMITTED, DENY, 0, DENIED",
            // the execution notice can beat the REST answer
            "SUBMITTED, PARTIAL_FILL, 3, PARTIAL_FILLED",
            "SUBMITTED, COMPLETE_FILL, 10, FILLED",
            "PARTIAL_FILLED, ACK, 3, PARTIAL_FILLED",
            "FILLED, ACK, 10, FILLED",
            "ACKED, PARTIAL_FILL, 3, PARTIAL_FILLED",
            "PARTIAL_FILLED, COMPLETE_FILL, 10, FILLED",
            "ACKED, CANCEL_REQUEST, 0, CANCEL_PENDING",
            "CANCEL_PENDING, CANCEL_ACK, 0, CANCELED",
            // a fill after the cancel was requested
            "CANCEL_PENDING, PARTIAL_FILL, 4, PARTIAL_FILLED",
            "CANCEL_PENDING, COMPLETE_FILL, 10, FILLED",
            // the cancel acknowledged after that partial fill
            "PARTIAL_FILLED, CANCEL_ACK, 4, CANCELED",
            // a fill after the cancel: the racing remainder
            "CANCELED, COMPLETE_FILL, 10, FILLED",
            "CANCELED, PARTIAL_FILL, 6, CANCELED",
            // a cancel the broker refused goes back to working
            "CANCEL_PENDING, CANCEL_REJECT, 0, ACKED",
            "CANCEL_PENDING, CANCEL_REJECT, 2, PARTIAL_FILLED",
            "ACKED, REPLACE_REQUEST, 0, REPLACE_PENDING",
            "REPLACE_PENDING, REPLACE_ACK, 0, ACKED",
            "REPLACE_PENDING, REPLACE_ACK, 5, PARTIAL_FILLED",
            "REPLACE_PENDING, REPLACE_REJECT, 0, ACKED",
            "ACKED, BROKER_CANCEL, 0, CANCELED",
            "RECONCILE_REQUIRED, RECONCILE_ACKED, 0, ACKED",
            "RECONCILE_REQUIRED, RECONCILE_FILLED, 10, FILLED",
            "RECONCILE_REQUIRED, RECONCILE_ABSENT, 0, REJECTED",
            "RECONCILE_REQUIRED, PARTIAL_FILL, 2, PARTIAL_FILLED",
    })
    void allowedTransitions(OrderState from, OrderEventType event, long filled, OrderState to) {
        assertThat(OrderStateMachine.next(from, event, filled)).hasValue(to);
    }

    @ParameterizedTest(name = "{0} x {1} is illegal")
    @CsvSource({
            "ACKED, SUBMIT",
            "ACKED, CREATE",
            "FILLED, PARTIAL_FILL",
            "FILLED, CANCEL_REQUEST",
            "DENIED, SUBMIT",
            "REJECTED, ACK",
            "EXPIRED, SUBMIT",
            "INTENT_CREATED, ACK",
            "INTENT_CREATED, PARTIAL_FILL",
            // an ambiguous order is never resubmitted; only reconciliation (or the broker's own notices) settles it
            "RECONCILE_REQUIRED, SUBMIT",
            "RECONCILE_REQUIRED, DENY",
            "CANCELED, CANCEL_REQUEST",
            "SUBMITTED, CANCEL_REQUEST",
    })
    void illegalTransitions(OrderState from, OrderEventType event) {
        assertThat(OrderStateMachine.next(from, event, 0)).isEmpty();
        assertThat(OrderStateMachine.allows(from, event)).isFalse();
    }

    @Test
    void terminalStatesLeadNowhereButTheListedRaces() {
        for (OrderEventType e : OrderEventType.values()) {
            assertThat(OrderStateMachine.allows(DENIED, e)).isFalse();
            assertThat(OrderStateMachine.allows(REJECTED, e)).isFalse();
            assertThat(OrderStateMachine.allows(EXPIRED, e)).isFalse();
        }
        assertThat(OrderStateMachine.rows()).contains("CANCELED x COMPLETE_FILL -> FILLED",
                "CANCEL_PENDING x CANCEL_REJECT -> ACKED|PARTIAL_FILLED");
    }
}
