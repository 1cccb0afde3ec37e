package kisgateway.reconcile.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;

/**
 * One order as the gateway holds it, with what reconciliation needs beyond the {@code orders} row.
 *
 * @param order            the current row of {@code orders}
 * @param kisOrderNumbers  every KIS order number the order has had ({@code order_broker_numbers}: original,
 *                         revisions and its cancels' numbers); {@code order.kisOrderNo()} is added if missing
 * @param sentAt           when the order was persisted as SUBMITTED (its SUBMIT event), or null if never sent
 * @param pendingSince     when the open cancel/replace request was recorded (CANCEL_PENDING, REPLACE_PENDING),
 *                         or null; {@code order.updatedAt()} is used when it is null
 */
public record LocalOrder(OrderRecord order, List<String> kisOrderNumbers, Instant sentAt, Instant pendingSince) {

    public LocalOrder {
        Objects.requireNonNull(order, "order");
        kisOrderNumbers = kisOrderNumbers == null ? List.of() : List.copyOf(kisOrderNumbers);
    }

    public UUID orderId() {
        return order.orderId();
    }

    public OrderState state() {
        return order.state();
    }

    /** Every known number in its comparable form, the order's current number included, sorted. */
    public List<String> numberKeys() {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        for (String n : kisOrderNumbers) {
            String key = OrderNumberKey.of(n);
            if (key != null) {
                keys.add(key);
            }
        }
        String current = OrderNumberKey.of(order.kisOrderNo());
        if (current != null) {
            keys.add(current);
        }
        return List.copyOf(keys);
    }

    public boolean hasBrokerNumber() {
        return !numberKeys().isEmpty();
    }

    /** The send time the in-flight grace and the matcher window start from: the SUBMIT time, else creation. */
    public Instant sendTime() {
        return sentAt != null ? sentAt : order.createdAt();
    }

    public Instant pendingRequestTime() {
        return pendingSince != null ? pendingSince : order.updatedAt();
    }
}
