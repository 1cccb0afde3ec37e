package kisgateway.reconcile.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import kisgateway.kis.OrderSide;
import kisgateway.kis.rest.DailyExecution;
import kisgateway.order.BrokerOrder;
import kisgateway.order.Side;

/**
 * One row of inquire-daily-ccld {@code output1[]}: a new order, a revision (its own ODNO, ORGN_ODNO = the number it
 * revised) or a cancel (likewise, {@code cncl_yn} = Y), each with its own cumulative fills.
 *
 * @param origOrderNo       orgn_odno, null or blank for a new order
 * @param orderDivisionCode ord_dvsn_cd (00 limit, 01 market, ...)
 * @param avgFillPrice      avg_prvs
 * @param filledAmount      tot_ccld_amt, or null when not reported (then avg x quantity stands in)
 * @param remainingQuantity rmn_qty
 * @param rejectedQuantity  rjct_qty
 * @param cancelled         cncl_yn = Y: this row is a cancel record
 */
public record BrokerOrderRow(String orderNo, String origOrderNo, String branch, String symbol, Side side,
                             String orderDivisionCode, long quantity, BigDecimal price, Instant orderTime,
                             long filledQuantity, BigDecimal avgFillPrice, BigDecimal filledAmount,
                             long remainingQuantity, long rejectedQuantity, boolean cancelled) {

    public BrokerOrderRow {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(orderTime, "orderTime");
        price = price == null ? BigDecimal.ZERO : price;
        avgFillPrice = avgFillPrice == null ? BigDecimal.ZERO : avgFillPrice;
    }

    public static BrokerOrderRow of(DailyExecution e) {
        return new BrokerOrderRow(e.orderNo(), e.originalOrderNo(), e.branch(), e.symbol(),
                e.side() == OrderSide.BUY ? Side.BUY : Side.SELL, e.orderDivisionCode(), e.orderQuantity(),
                e.orderPrice(), e.orderedAt().toInstant(), e.filledQuantity(), e.averageFillPrice(), e.filledAmount(),
                e.remainingQuantity(), e.rejectedQuantity(), e.cancelled());
    }

    public String orderNoKey() {
        return OrderNumberKey.of(orderNo);
    }

    public String origOrderNoKey() {
        return OrderNumberKey.of(origOrderNo);
    }

    /** A new order: no original number. */
    public boolean isNewOrder() {
        return origOrderNoKey() == null;
    }

    /**
     * What the broker says was paid or received for this row's fills: tot_ccld_amt when reported (exact),
     * else avg_prvs x quantity.
     */
    public BigDecimal filledValue() {
        if (filledAmount != null && filledAmount.signum() > 0) {
            return filledAmount;
        }
        return avgFillPrice.multiply(BigDecimal.valueOf(filledQuantity));
    }

    /** The row as the deterministic matcher takes it. */
    public BrokerOrder toBrokerOrder() {
        return new BrokerOrder(orderNo, isNewOrder() ? null : origOrderNo, symbol, side, quantity, price, orderTime,
                filledQuantity, avgFillPrice, remainingQuantity, cancelled);
    }
}
