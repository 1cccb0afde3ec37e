package kisgateway.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import kisgateway.risk.OrderKind;
import kisgateway.risk.RiskInputs;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.WorkingOrder;
import kisgateway.risk.session.KrxSessionCalendar;

/**
 * What the risk gate needs to know, read from the gateway's own books (positions moved by fills, working orders)
 * and the last prices. Each evaluation gets {@link AccountBookSnapshot one read} of the order's account, its
 * working orders in the order's symbol; asked directly, a question reads the whole account on its own.
 *
 * <p>The book is read from the database, not kept in memory: the intake runs on every gateway instance, and an
 * order accepted by another one must count here at once.
 */
public final class DatabaseRiskInputs implements RiskInputs {

    private final DataSource dataSource;
    private final MarketPrices prices;
    private final Clock clock;

    /** Inputs whose trading day is the system clock's. */
    public DatabaseRiskInputs(DataSource dataSource, MarketPrices prices) {
        this(dataSource, prices, Clock.systemUTC());
    }

    /** @param clock the gateway's clock, which says the trading day (the simulator's session clock in sim mode) */
    public DatabaseRiskInputs(DataSource dataSource, MarketPrices prices, Clock clock) {
        this.dataSource = dataSource;
        this.prices = prices;
        this.clock = clock;
    }

    @Override
    public RiskInputs forOrder(RiskOrder order) {
        return new AccountBookSnapshot(dataSource, prices, order.account(), order.symbol(),
                order.kind() == OrderKind.NEW ? order.orderRef() : null, order.originalRef(), tradingDay());
    }

    @Override
    public long positionQuantity(String account, String symbol) {
        return wholeBook(account, null).positionQuantity(account, symbol);
    }

    @Override
    public List<WorkingOrder> workingOrders(String account) {
        return workingOrders(account, null);
    }

    @Override
    public List<WorkingOrder> workingOrders(String account, String screenedOrderRef) {
        return wholeBook(account, screenedOrderRef).workingOrders(account, screenedOrderRef);
    }

    @Override
    public Optional<BigDecimal> lastPrice(String symbol) {
        return prices.last(symbol);
    }

    @Override
    public Optional<BigDecimal> dailyPnl(String account) {
        return wholeBook(account, null).dailyPnl(account);
    }

    @Override
    public Optional<BigDecimal> grossExposure(String account) {
        return grossExposure(account, null);
    }

    @Override
    public Optional<BigDecimal> grossExposure(String account, String screenedOrderRef) {
        return wholeBook(account, screenedOrderRef).grossExposure(account, screenedOrderRef);
    }

    @Override
    public java.util.OptionalLong openOrders(String account, String screenedOrderRef) {
        return wholeBook(account, screenedOrderRef).openOrders(account, screenedOrderRef);
    }

    private AccountBookSnapshot wholeBook(String account, String screenedOrderRef) {
        return new AccountBookSnapshot(dataSource, prices, account, null, screenedOrderRef, null, tradingDay());
    }

    private LocalDate tradingDay() {
        return LocalDate.ofInstant(clock.instant(), KrxSessionCalendar.SEOUL);
    }
}
