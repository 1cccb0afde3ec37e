package kisgateway.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import kisgateway.fill.FillIds;
import kisgateway.fill.FillSource;
import kisgateway.order.Side;

/**
 * A fill the broker reports (as a cumulative quantity) that the fills table lacks, to be recorded through the
 * fill path's de-duplication: {@code FillBook.recordInferred(account, kisOrderNo, symbol, side, quantity, price,
 * occurredAt, cumulativeAfter, source)}, whose id is {@link #fillId()}. Inferring the same gap again gives the same
 * id, as a gap backfill of it does.
 *
 * @param orderId         the local order (or the external order's id), for reading; the fill path finds the
 *                        order by {@code kisOrderNo}
 * @param price           the implied price: (broker value - local value) / missing quantity, to the won
 * @param occurredAt      the broker snapshot's time: daily-ccld gives no time per execution
 * @param cumulativeAfter the order number's cumulative filled quantity at KIS, which this fill reaches
 */
public record MissingFill(UUID orderId, String account, String kisOrderNo, String symbol, Side side, long quantity,
                          BigDecimal price, Instant occurredAt, long cumulativeAfter, Evidence evidence) {

    public static final Comparator<MissingFill> ORDER = Comparator.comparing(MissingFill::kisOrderNo)
            .thenComparingLong(MissingFill::cumulativeAfter);

    public String fillId() {
        return FillIds.inferredFill(account, kisOrderNo, cumulativeAfter);
    }

    public FillSource source() {
        return FillSource.RECONCILE;
    }

    /** Quantity signed for the position: + for a buy, - for a sell. */
    public long signedQuantity() {
        return side == Side.BUY ? quantity : -quantity;
    }

    public BigDecimal notional() {
        return price.multiply(BigDecimal.valueOf(quantity));
    }
}
