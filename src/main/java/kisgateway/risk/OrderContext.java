package kisgateway.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The facts one evaluation works with: the gate's time and the order's inputs, fetched from {@link RiskInputs}
 * lazily and at most once each, so that rules share them and a denial early on spares the later calls.
 */
public final class OrderContext {

    private final RiskOrder order;
    private final RiskInputs inputs;
    private final Instant now;

    private Long position;
    private List<WorkingOrder> workingOrders;
    private Optional<BigDecimal> lastPrice;
    private Optional<BigDecimal> dailyPnl;
    private Optional<BigDecimal> grossExposure;
    private InstrumentKind instrumentKind;
    private java.util.OptionalLong openOrders;

    public OrderContext(RiskOrder order, RiskInputs inputs, Instant now) {
        this.order = order;
        this.inputs = inputs;
        this.now = now;
    }

    public Instant now() {
        return now;
    }

    /** Shares held in the order's symbol. */
    public long position() {
        if (position == null) {
            position = inputs.positionQuantity(order.account(), order.symbol());
        }
        return position;
    }

    /** The account's working orders: at least those in the order's symbol (see {@link RiskInputs#workingOrders}). */
    public List<WorkingOrder> workingOrders() {
        if (workingOrders == null) {
            List<WorkingOrder> w = inputs.workingOrders(order.account(), screenedNewOrder());
            workingOrders = w == null ? List.of() : w;
        }
        return workingOrders;
    }

    /**
     * A new order is already stored when it is screened and must not count itself; a cancel or replace names the
     * order it acts on, which stays in (its value is released by the rules that need it).
     */
    private String screenedNewOrder() {
        return order.kind() == OrderKind.NEW ? order.orderRef() : null;
    }

    /** The account's open orders, the screened new order left out ({@link RiskInputs#openOrders}). */
    public java.util.OptionalLong openOrders() {
        if (openOrders == null) {
            java.util.OptionalLong n = inputs.openOrders(order.account(), screenedNewOrder());
            openOrders = n == null ? java.util.OptionalLong.empty() : n;
        }
        return openOrders;
    }

    public Optional<BigDecimal> lastPrice() {
        if (lastPrice == null) {
            lastPrice = nonNull(inputs.lastPrice(order.symbol()));
        }
        return lastPrice;
    }

    public Optional<BigDecimal> dailyPnl() {
        if (dailyPnl == null) {
            dailyPnl = nonNull(inputs.dailyPnl(order.account()));
        }
        return dailyPnl;
    }

    public Optional<BigDecimal> grossExposure() {
        if (grossExposure == null) {
            grossExposure = nonNull(inputs.grossExposure(order.account(), screenedNewOrder()));
        }
        return grossExposure;
    }

    public InstrumentKind instrumentKind() {
        if (instrumentKind == null) {
            InstrumentKind k = inputs.instrumentKind(order.symbol());
            instrumentKind = k == null ? InstrumentKind.STOCK : k;
        }
        return instrumentKind;
    }

    /**
     * The order's limit price in KRW, or null when its ORD_DVSN lets the exchange set the price (market, best,
     * mid-point, closing price) even if the sender filled in "0".
     */
    public BigDecimal limitPrice() {
        if (!order.placesQuote()) {
            return order.price();
        }
        return OrderDivision.ofCode(order.orderType()).filter(OrderDivision::priced).map(d -> order.price())
                .orElse(null);
    }

    /**
     * Open quantity of the account's working orders on one side of the order's symbol, leaving out the order a
     * REPLACE revises (its quantity is about to be the request's).
     */
    public long workingQuantity(Side side) {
        long sum = 0;
        String excluded = order.originalRef();
        for (WorkingOrder w : workingOrders()) {
            if (w.side() == side && w.symbol().equals(order.symbol()) && !w.orderRef().equals(excluded)) {
                sum += w.remainingQuantity();
            }
        }
        return sum;
    }

    /**
     * Whether the order only reduces risk in a cash account: a sell of no more than the shares held and not
     * already committed to other working sells. Buys never are.
     */
    public boolean riskReducing() {
        return order.side() == Side.SELL && order.quantity() <= sellableQuantity();
    }

    /** Shares held minus those committed to other working sells (never negative). */
    public long sellableQuantity() {
        return Math.max(0, position() - workingQuantity(Side.SELL));
    }

    private static <T> Optional<T> nonNull(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }
}
