package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import kisgateway.risk.RiskInputs;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.WorkingOrder;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the risk gate reads from the real PostgreSQL: orders screened at the same time must see each other, or
 * two orders that each fit a limit alone would both pass it.
 */
class DatabaseRiskInputsTest {

    private final javax.sql.DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore store = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final MarketPrices prices = new MarketPrices((account, symbol, ttl) -> {
        throw new IllegalStateException("no look-ups in this test");
    }, Duration.ofSeconds(5), Duration.ofSeconds(3), Clock.systemUTC());
    private final DatabaseRiskInputs inputs = new DatabaseRiskInputs(dataSource, prices);
    private final String account = "risk-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void close() {
        prices.close();
    }

    private OrderRecord buy(OrderType type, String price, long quantity) {
        return order("005930", Side.BUY, type, price, quantity);
    }

    private OrderRecord order(String symbol, Side side, OrderType type, String price, long quantity) {
        return store.create(new OrderIntent("t-" + UUID.randomUUID(), account, "s1", symbol, side, quantity, type,
                price == null ? null : new BigDecimal(price), Exchange.KRX, Duration.ofSeconds(2), Instant.now())).order();
    }

    private static RiskOrder screening(OrderRecord o) {
        return RiskOrder.newOrder(o.orderId().toString(), o.account(), o.strategyId(), o.symbol(),
                kisgateway.risk.Side.valueOf(o.side().name()), o.quantity(), o.price(), o.orderType().code(),
                kisgateway.risk.Exchange.KRX, Instant.now());
    }

    @Test
    void oneEvaluationReadsTheOrdersSymbolWithOrdersOfOneSideAndPriceMergedAndTheRevisedOrderApart() {
        OrderRecord a = buy(OrderType.LIMIT, "70000", 10);
        OrderRecord b = buy(OrderType.LIMIT, "70000", 5);
        OrderRecord c = buy(OrderType.LIMIT, "70000", 2);
        buy(OrderType.LIMIT, "69000", 1);
        order("000660", Side.BUY, OrderType.LIMIT, "200000", 4);
        OrderRecord screened = buy(OrderType.LIMIT, "71000", 3);

        RiskInputs forNew = inputs.forOrder(screening(screened));
        assertThat(forNew.workingOrders(account, screened.orderId().toString()))
                .as("one entry per side and price of 005930; the other symbol and the screened order left out")
                .extracting(WorkingOrder::symbol, w -> w.price().toBigInteger(), WorkingOrder::remainingQuantity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("005930", java.math.BigInteger.valueOf(70000), 17L),
                        org.assertj.core.groups.Tuple.tuple("005930", java.math.BigInteger.valueOf(69000), 1L));
        assertThat(forNew.grossExposure(account, screened.orderId().toString()))
                .as("every symbol's working buys, from the same read").hasValueSatisfying(v ->
                        assertThat(v).isEqualByComparingTo("2059000"));

        WorkingOrder revised = new WorkingOrder(b.orderId().toString(), "005930", kisgateway.risk.Side.BUY,
                new BigDecimal("70000"), 5);
        RiskInputs forReplace = inputs.forOrder(RiskOrder.replace(b.orderId().toString(), account, "s1", revised, 8,
                new BigDecimal("70000"), "00", kisgateway.risk.Exchange.KRX, Instant.now()));
        assertThat(forReplace.workingOrders(account, null))
                .as("the revised order is its own entry, so its quantity can be left out")
                .extracting(WorkingOrder::orderRef, WorkingOrder::remainingQuantity)
                .contains(org.assertj.core.groups.Tuple.tuple(b.orderId().toString(), 5L))
                .doesNotContain(org.assertj.core.groups.Tuple.tuple(b.orderId().toString(), 17L));
        assertThat(forReplace.workingOrders(account, null)).filteredOn(w -> w.price().compareTo(new BigDecimal("70000")) == 0)
                .extracting(WorkingOrder::remainingQuantity).containsExactlyInAnyOrder(5L, 12L);
        assertThat(java.util.List.of(a.orderId().toString(), c.orderId().toString()))
                .contains(forReplace.workingOrders(account, null).stream()
                        .filter(w -> w.remainingQuantity() == 12L).findFirst().orElseThrow().orderRef());
    }

    @Test
    void positionPnlAndExposureComeFromTheSameRead() {
        OrderRecord screened = order("005930", Side.SELL, OrderType.LIMIT, "71000", 3);
        store.inTransaction(c -> {
            try (var ps = c.prepareStatement("insert into positions (account, symbol, quantity, avg_price, "
                    + "realized_pnl_today) values (?, '005930', 40, 70000, 1500)")) {
                ps.setString(1, account);
                return ps.executeUpdate();
            }
        });
        prices.observe("005930", new BigDecimal("70100"));
        RiskInputs forNew = inputs.forOrder(screening(screened));

        assertThat(forNew.positionQuantity(account, "005930")).isEqualTo(40);
        assertThat(forNew.positionQuantity(account, "000660")).isZero();
        assertThat(forNew.dailyPnl(account)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("5500"));
        assertThat(forNew.grossExposure(account, screened.orderId().toString()))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("2804000"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> forNew.positionQuantity("another", "005930"))
                .as("a read of one account never answers for another").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDaysLossIsReadFromTheDatabaseAndAnEarlierDaysRealizedPnlIsNotTodays() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul"));
        store.inTransaction(c -> {
            // no fill in 005930 today: its row still holds the last trading day's realized loss
            try (var ps = c.prepareStatement("insert into positions (account, symbol, quantity, avg_price, "
                    + "realized_pnl_today, trading_date) values (?, '005930', 0, null, -50000, ?), "
                    + "(?, '000660', 0, null, -700, ?)")) {
                ps.setString(1, account);
                ps.setObject(2, today.minusDays(1));
                ps.setString(3, account);
                ps.setObject(4, today);
                return ps.executeUpdate();
            }
        });
        // asked as a gateway started a moment ago would ask, nothing in its memory: from the rows alone
        OrderRecord screened = buy(OrderType.LIMIT, "70000", 1);
        assertThat(new DatabaseRiskInputs(dataSource, prices).forOrder(screening(screened)).dailyPnl(account))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("-700"));
        JdbcOrderStore.CreateResult created = store.create(new OrderIntent("t-" + UUID.randomUUID(), account, "s1",
                "005930", Side.BUY, 1, OrderType.LIMIT, new BigDecimal("70000"), Exchange.KRX, Duration.ofSeconds(2),
                Instant.now()));
        assertThat(new AccountBookSnapshot(prices, created.book()).dailyPnl(account)).as("the create's read alike")
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("-700"));
    }

    @Test
    void ordersAcceptedButNotYetSentCountForEachOtherButNotForThemselves() {
        OrderRecord a = buy(OrderType.LIMIT, "71000", 10);
        OrderRecord b = buy(OrderType.LIMIT, "70000", 5);

        assertThat(inputs.workingOrders(account, a.orderId().toString())).extracting(WorkingOrder::orderRef)
                .containsExactly(b.orderId().toString());
        assertThat(inputs.workingOrders(account, b.orderId().toString())).extracting(WorkingOrder::orderRef)
                .containsExactly(a.orderId().toString());
        assertThat(inputs.workingOrders(account)).hasSize(2);
        assertThat(inputs.grossExposure(account, a.orderId().toString())).hasValueSatisfying(v ->
                assertThat(v).isEqualByComparingTo("350000"));
        assertThat(inputs.grossExposure(account)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1060000"));
    }

    @Test
    void aDeniedOrderNoLongerCountsAndASentOneStillDoes() {
        OrderRecord denied = buy(OrderType.LIMIT, "71000", 10);
        OrderRecord sent = buy(OrderType.LIMIT, "71000", 3);
        store.transition(denied.orderId(), OrderEventType.DENY, OrderChange.because("test").rejection("RULE", "test"));
        store.transition(sent.orderId(), OrderEventType.SUBMIT, OrderChange.because("test"));

        assertThat(inputs.workingOrders(account, null)).extracting(WorkingOrder::orderRef)
                .containsExactly(sent.orderId().toString());
        assertThat(inputs.grossExposure(account, null)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("213000"));
    }

    @Test
    void aMarketBuyIsValuedAtTheLastPriceAndIsUnknownWithoutOne() {
        buy(OrderType.LIMIT, "71000", 1);
        buy(OrderType.MARKET, null, 2);
        assertThat(inputs.grossExposure(account, null)).as("no last price for the market buy").isEmpty();

        prices.observe("005930", new BigDecimal("72000"));
        assertThat(inputs.grossExposure(account, null)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("215000"));
    }

    @Test
    void aDatabaseDownMidScreeningFailsTheQuestionNotThePreparationAndACancelAsksNothing() {
        javax.sql.DataSource down = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{javax.sql.DataSource.class}, (proxy, method, args) -> {
                    throw new java.sql.SQLException("connection refused (test)");
                });
        DatabaseRiskInputs failing = new DatabaseRiskInputs(down, prices);
        OrderRecord screened = buy(OrderType.LIMIT, "71000", 3);

        RiskInputs forNew = failing.forOrder(screening(screened));
        // the gate turns this into a RISK_EVALUATION_FAILED denial (PreTradeGateTest): nothing is sent
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> forNew.positionQuantity(account, "005930"))
                .isInstanceOf(OrderStoreException.class).hasMessageContaining("connection refused");

        WorkingOrder target = new WorkingOrder(screened.orderId().toString(), "005930", kisgateway.risk.Side.BUY,
                new BigDecimal("71000"), 3);
        org.assertj.core.api.Assertions.assertThatCode(() -> failing.forOrder(RiskOrder.cancel(
                screened.orderId().toString(), account, "s1", target, kisgateway.risk.Exchange.KRX, Instant.now())))
                .as("preparing a cancel's inputs reads nothing").doesNotThrowAnyException();
    }
}
