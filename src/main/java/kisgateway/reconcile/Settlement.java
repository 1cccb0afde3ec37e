package kisgateway.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;
import kisgateway.order.OrderChange;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderState;

/**
 * One order event reconciliation applies because the broker is ahead and the state machine allows it.
 *
 * @param stage        before or after the fills (see {@link SettlementStage})
 * @param step         the position among this order's settlements of the same stage
 * @param from         the order's state before this event, as the run expects it
 * @param to           the state after it, per the transition table (the fills in between may move it further)
 * @param kisOrderNo   a broker number the order gets with this event (original or revision), or null
 * @param cancelOrderNo a cancel record's number to file under the order, or null
 * @param newPrice     for REPLACE_ACK: the revision's price
 */
public record Settlement(UUID orderId, String clientOrderId, SettlementStage stage, int step, OrderEventType event,
                         OrderState from, OrderState to, String kisOrderNo, String kisBranchNo, Instant kisOrderTime,
                         String cancelOrderNo, BigDecimal newPrice, String reason, Evidence evidence) {

    public static final Comparator<Settlement> ORDER = Comparator.comparing(Settlement::stage)
            .thenComparing(s -> s.orderId().toString()).thenComparingInt(Settlement::step);

    public Settlement {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The change to hand to the order store with {@link #event()}: numbers, revision, cause and evidence. */
    public OrderChange orderChange() {
        OrderChange change = OrderChange.because("reconciliation: " + reason);
        if (kisOrderNo != null) {
            change.brokerOrder(kisOrderNo, kisBranchNo, kisOrderTime);
        }
        if (cancelOrderNo != null) {
            change.cancelOrderNo(cancelOrderNo);
        }
        if (newPrice != null) {
            change.revision(null, newPrice);
        }
        change.detail("reconciled", true);
        change.detail("local", evidence.local());
        change.detail("broker", evidence.broker());
        return change;
    }
}
