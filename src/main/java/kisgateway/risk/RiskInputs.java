package kisgateway.risk;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What the gate needs to know about the world, implemented by the order pipeline from its own state (order
 * store, fills, positions, market data) and the broker's.
 *
 * <p><b>Every method is called on the hot path</b> of {@link PreTradeGate#evaluate}: answer from memory (a cache the
 * pipeline keeps current), never from a database or the network. One evaluation calls each method at most once,
 * and only when a rule needs it; a CANCEL calls none of them.
 *
 * <p>A method that throws makes the gate deny the NEW or REPLACE order ({@code RISK_EVALUATION_FAILED});
 * "unknown" must be said with {@code Optional.empty()}, which the rules treat as fail-closed (see each method).
 */
public interface RiskInputs {

    /** Shares the account holds in the symbol now (0 when none), including today's fills. */
    long positionQuantity(String account, String symbol);

    /**
     * The account's working orders, used for self-cross, the position projection and the shares already committed
     * to working sells. Those rules look only at the evaluated order's symbol, so inputs made {@link #forOrder for
     * one order} may leave other symbols out and may merge the orders of one side and price into one entry (named
     * by one of them); the order a replace revises is never merged.
     */
    List<WorkingOrder> workingOrders(String account);

    /**
     * The account's working orders as seen by a new order being screened: every other order of the account that
     * is or may soon be at KIS, including those accepted but not yet screened or sent, so that orders screened
     * at the same time count each other; the screened order itself left out. This default suits inputs that
     * know no such orders.
     */
    default List<WorkingOrder> workingOrders(String account, String screenedOrderRef) {
        List<WorkingOrder> all = workingOrders(account);
        if (all == null || screenedOrderRef == null) {
            return all;
        }
        return all.stream().filter(w -> !screenedOrderRef.equals(w.orderRef())).toList();
    }

    /**
     * The last traded price of the symbol, or before the first trade of the day its reference price (the previous
     * close). Empty when unknown: market-type orders are then denied (their value cannot be bounded) and limit
     * orders are denied unless {@code risk.price-band.allow-limit-orders-without-last-price} is true.
     */
    Optional<BigDecimal> lastPrice(String symbol);

    /**
     * Today's realized plus unrealized profit and loss of the account in KRW (negative is a loss). Empty when
     * unknown: orders that add risk are denied.
     */
    Optional<BigDecimal> dailyPnl(String account);

    /**
     * Gross exposure of the account in KRW: the sum over positions of quantity x last price plus, over working buy
     * orders, remaining quantity x limit price (last price for market-type). Empty when unknown: buys are denied.
     */
    Optional<BigDecimal> grossExposure(String account);

    /**
     * How many orders of the account are or may soon be at KIS (the working orders of {@link #workingOrders(String,
     * String)}, counted one by one, every symbol), the screened new order left out. Empty when unknown: the PILOT
     * cap on open orders then denies. This default knows none.
     */
    default java.util.OptionalLong openOrders(String account, String screenedOrderRef) {
        return java.util.OptionalLong.empty();
    }

    /** {@link #grossExposure(String)} with the working orders of {@link #workingOrders(String, String)}. */
    default Optional<BigDecimal> grossExposure(String account, String screenedOrderRef) {
        return grossExposure(account);
    }

    /**
     * The inputs one evaluation of {@code order} asks, called once before its first question. By default these
     * inputs themselves; inputs read from a database answer the whole evaluation from one read (and read nothing
     * until the first question, so a cancel still costs none). Must not fail: a cancel is evaluated with it too.
     */
    default RiskInputs forOrder(RiskOrder order) {
        return this;
    }

    /** Which tick table applies to the symbol; stocks unless the pipeline knows better. */
    default InstrumentKind instrumentKind(String symbol) {
        return InstrumentKind.STOCK;
    }
}
