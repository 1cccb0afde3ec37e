package kisgateway.reconcile.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import kisgateway.fill.FillSource;
import kisgateway.order.Side;

/**
 * One row of the {@code fills} table of the trading day.
 *
 * @param orderId null for a parked fill (its order number is not attached to an order yet); parked fills count:
 *                they are in the table, and they attach when their order's number is recorded
 */
public record LocalFill(String fillId, UUID orderId, String kisOrderNo, String symbol, Side side, long quantity,
                        BigDecimal price, Instant occurredAt, FillSource source) {

    public LocalFill {
        Objects.requireNonNull(fillId, "fillId");
        Objects.requireNonNull(kisOrderNo, "kisOrderNo");
        Objects.requireNonNull(price, "price");
    }

    public String orderNoKey() {
        return OrderNumberKey.of(kisOrderNo);
    }

    public boolean parked() {
        return orderId == null;
    }

    public BigDecimal value() {
        return price.multiply(BigDecimal.valueOf(quantity));
    }
}
