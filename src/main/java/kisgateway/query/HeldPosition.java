package kisgateway.query;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A position of an account as the gateway books it (moved by every fill in the fill's transaction).
 *
 * @param averagePrice null when the gateway has no average for it (a position it only learnt of from KIS)
 * @param updatedAt    when a fill (or reconciliation) last moved it
 */
public record HeldPosition(String symbol, long quantity, BigDecimal averagePrice, Instant updatedAt) {

    /**
     * (last - average) x quantity: what closing the position at the last price would realise, before fees and
     * taxes. Unknown without a last price or an average.
     */
    public BigDecimal unrealisedPnl(BigDecimal lastPrice) {
        if (lastPrice == null || averagePrice == null) {
            return null;
        }
        return lastPrice.subtract(averagePrice).multiply(BigDecimal.valueOf(quantity));
    }
}
