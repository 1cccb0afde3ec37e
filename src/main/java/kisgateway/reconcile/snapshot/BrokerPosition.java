package kisgateway.reconcile.snapshot;

import java.math.BigDecimal;
import kisgateway.kis.rest.Position;

/**
 * A holding of inquire-balance {@code output1[]}. A position sold out today stays listed with quantity 0 until
 * D+2.
 *
 * @param avgPrice pchs_avg_pric (may include fees, so it is compared within a tolerance)
 */
public record BrokerPosition(String symbol, long quantity, BigDecimal avgPrice) {

    public static BrokerPosition of(Position p) {
        return new BrokerPosition(p.symbol(), p.quantity(), p.averagePrice());
    }
}
