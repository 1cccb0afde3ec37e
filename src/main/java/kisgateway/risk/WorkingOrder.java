package kisgateway.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order of the account that is resting at the broker (acknowledged, not fully filled, not cancelled).
 *
 * @param orderRef          the gateway's order id (or the KIS ODNO for orders placed outside the gateway)
 * @param price             limit price in KRW, or null for a market-type order (it may cross anything)
 * @param remainingQuantity shares still open
 */
public record WorkingOrder(String orderRef, String symbol, Side side, BigDecimal price, long remainingQuantity) {

    public WorkingOrder {
        Objects.requireNonNull(orderRef, "orderRef");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        if (remainingQuantity < 0) {
            throw new IllegalArgumentException("remainingQuantity < 0: " + remainingQuantity);
        }
    }
}
