package kisgateway.sim.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZonedDateTime;

/**
 * A read-only copy of an order record.
 *
 * @param canceledQty for a cancel record its own quantity; otherwise what was cancelled off this order
 */
public record OrderView(String odno, String origOdno, OrderAction action, String cano, String symbol, String name,
                        Side side, OrderKind kind, long qty, long price, long stopPrice, String exchange,
                        OrderSource source, ZonedDateTime orderedAt, long filledQty, long filledAmount,
                        long remainingQty, long canceledQty, long revisedAwayQty, long rejectedQty,
                        OrderState state) {

    /** Average fill price, rounded to whole KRW as avg_prvs shows it; 0 without fills. */
    public long averagePrice() {
        return filledQty == 0 ? 0 : BigDecimal.valueOf(filledAmount)
                .divide(BigDecimal.valueOf(filledQty), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
