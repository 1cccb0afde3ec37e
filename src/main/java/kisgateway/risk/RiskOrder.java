package kisgateway.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One order request as the pre-trade gate sees it. Build it with {@link #newOrder}, {@link #cancel} or
 * {@link #replace}.
 *
 * <p>For a REPLACE, {@code quantity}, {@code price} and {@code orderType} are the revised values and
 * {@code original} is the working order being revised (same symbol and side). For a CANCEL, {@code original} is
 * the order being cancelled and {@code quantity}/{@code price} repeat its open quantity and price, so that the
 * quote-pattern guard can recognise the same quote coming back.
 *
 * <p>Structural mistakes (a null account, a cancel without the order it cancels) are programming errors and
 * throw; business mistakes (quantity 0, a price off the tick grid) are denials with a rule id.
 *
 * @param orderRef    the gateway's order id (client order id); carried into alerts for review
 * @param price       limit price in KRW, null for the market-type ORD_DVSN codes
 * @param orderType   KIS ORD_DVSN code, e.g. "00" limit, "01" market; null only for CANCEL
 * @param original    the working order a CANCEL or REPLACE refers to; null for NEW
 * @param requestedAt when the strategy asked; informational: the gate judges by its own clock
 */
public record RiskOrder(OrderKind kind, String orderRef, String account, String strategyId, String symbol, Side side,
                        long quantity, BigDecimal price, String orderType, Exchange exchange, WorkingOrder original,
                        Instant requestedAt) {

    public RiskOrder {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderRef, "orderRef");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (kind != OrderKind.CANCEL) {
            Objects.requireNonNull(orderType, "orderType");
        }
        if (kind == OrderKind.NEW) {
            if (original != null) {
                throw new IllegalArgumentException("a NEW order has no original order");
            }
        } else {
            Objects.requireNonNull(original, kind + " needs the original order");
            if (!original.symbol().equals(symbol) || original.side() != side) {
                throw new IllegalArgumentException(kind + " must keep the original's symbol and side: original "
                        + original.symbol() + "/" + original.side() + ", request " + symbol + "/" + side);
            }
        }
    }

    public static RiskOrder newOrder(String orderRef, String account, String strategyId, String symbol, Side side,
                                     long quantity, BigDecimal price, String orderType, Exchange exchange,
                                     Instant requestedAt) {
        return new RiskOrder(OrderKind.NEW, orderRef, account, strategyId, symbol, side, quantity, price, orderType,
                exchange, null, requestedAt);
    }

    public static RiskOrder cancel(String orderRef, String account, String strategyId, WorkingOrder original,
                                   Exchange exchange, Instant requestedAt) {
        return new RiskOrder(OrderKind.CANCEL, orderRef, account, strategyId, original.symbol(), original.side(),
                original.remainingQuantity(), original.price(), null, exchange, original, requestedAt);
    }

    public static RiskOrder replace(String orderRef, String account, String strategyId, WorkingOrder original,
                                    long newQuantity, BigDecimal newPrice, String orderType, Exchange exchange,
                                    Instant requestedAt) {
        return new RiskOrder(OrderKind.REPLACE, orderRef, account, strategyId, original.symbol(), original.side(),
                newQuantity, newPrice, orderType, exchange, original, requestedAt);
    }

    /** True for NEW and REPLACE: requests that put (possibly new) risk in the market. */
    public boolean placesQuote() {
        return kind != OrderKind.CANCEL;
    }

    /** The ref of the working order this request replaces or cancels, or null for a NEW order. */
    public String originalRef() {
        return original == null ? null : original.orderRef();
    }
}
