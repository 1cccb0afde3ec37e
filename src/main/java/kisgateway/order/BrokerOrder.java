package kisgateway.order;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the broker reports it (a row of inquire-daily-ccld), reduced to what matching and
 * reconciliation compare.
 *
 * @param origOrderNo the order this one revised or cancelled (ORGN_ODNO), or null
 */
public record BrokerOrder(
        String orderNo,
        String origOrderNo,
        String symbol,
        Side side,
        long quantity,
        BigDecimal price,
        Instant orderTime,
        long filledQuantity,
        BigDecimal avgFillPrice,
        long remainingQuantity,
        boolean cancelled) {
}
