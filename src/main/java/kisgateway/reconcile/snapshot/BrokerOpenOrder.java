package kisgateway.reconcile.snapshot;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import kisgateway.kis.OrderSide;
import kisgateway.kis.rest.RevisableOrder;
import kisgateway.order.Side;

/**
 * An order still working at the broker, with what may still be cancelled or revised: a row of
 * inquire-psbl-rvsecncl in live, or derived from inquire-daily-ccld where KIS lacks it (paper: "모의투자 미지원").
 *
 * @param revisableQuantity psbl_qty (live), or rmn_qty (derived)
 */
public record BrokerOpenOrder(String orderNo, String origOrderNo, String symbol, Side side, long quantity,
                              BigDecimal price, long filledQuantity, long revisableQuantity) {

    public static BrokerOpenOrder of(RevisableOrder r) {
        return new BrokerOpenOrder(r.orderNo(), r.originalOrderNo(), r.symbol(),
                r.side() == OrderSide.BUY ? Side.BUY : Side.SELL, r.orderQuantity(), r.orderPrice(),
                r.filledQuantity(), r.revisableQuantity());
    }

    /**
     * The open orders of the day as inquire-daily-ccld shows them: every row that is not a cancel record and has
     * a remaining quantity. Sorted by order number.
     */
    public static List<BrokerOpenOrder> derivedFrom(List<BrokerOrderRow> rows) {
        return rows.stream()
                .filter(r -> !r.cancelled() && r.remainingQuantity() > 0)
                .sorted(Comparator.comparing(BrokerOrderRow::orderNoKey))
                .map(r -> new BrokerOpenOrder(r.orderNo(), r.origOrderNo(), r.symbol(), r.side(), r.quantity(),
                        r.price(), r.filledQuantity(), r.remainingQuantity()))
                .toList();
    }

    public String orderNoKey() {
        return OrderNumberKey.of(orderNo);
    }
}
