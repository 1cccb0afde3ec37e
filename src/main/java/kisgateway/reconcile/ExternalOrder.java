package kisgateway.reconcile;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import kisgateway.order.OrderState;
import kisgateway.order.Side;

/**
 * A broker order no local order claims (placed in HTS/MTS or by another program): recorded as an order with
 * origin EXTERNAL, not a break by itself. Insert it in {@link #initialState()} with nothing filled and file every
 * number under it ({@code order_broker_numbers}); its fills (parked ones, then the run's missing fills) and its
 * AFTER_FILLS settlements bring it to {@link #brokerState()}, exactly as for a gateway order.
 *
 * @param orderId        deterministic: the same broker order always gets the same id (insert if absent)
 * @param clientOrderId  "EXT-" + account + "-" + the new-order number
 * @param kisOrderNo     the number the order is worked under now (the newest revision, else the original)
 * @param originalOrderNo the new-order number (ORIGINAL role)
 * @param revisionOrderNos revision numbers (REVISION role), ascending
 * @param cancelOrderNos cancel records' numbers (CANCEL role), ascending
 * @param price          the current row's price (0 for market-type orders)
 */
public record ExternalOrder(UUID orderId, String clientOrderId, String account, String kisOrderNo,
                            String originalOrderNo, List<String> revisionOrderNos, List<String> cancelOrderNos,
                            String kisBranchNo, String symbol, Side side, String orderDivisionCode, long quantity,
                            BigDecimal price, Instant orderTime, OrderState initialState, OrderState brokerState,
                            long brokerFilledQuantity, BigDecimal brokerAvgFillPrice, long brokerRemainingQuantity,
                            Evidence evidence) {

    public static final Comparator<ExternalOrder> ORDER = Comparator.comparing(ExternalOrder::originalOrderNo);

    public ExternalOrder {
        revisionOrderNos = List.copyOf(revisionOrderNos);
        cancelOrderNos = List.copyOf(cancelOrderNos);
    }

    static UUID idFor(String account, String originalOrderNoKey) {
        return UUID.nameUUIDFromBytes(("kis-gateway external order|" + account + "|" + originalOrderNoKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Origin of the orders row. */
    public String origin() {
        return "EXTERNAL";
    }
}
