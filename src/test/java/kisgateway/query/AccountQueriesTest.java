package kisgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.order.Exchange;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderIntent;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.OrderType;
import kisgateway.order.Side;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The query readers against the real PostgreSQL: keyset pages that neither repeat nor skip an order while orders
 * come and go between pages, the filters, the reconciliation's confirmation per item, positions and the orderable
 * cash from the day's baseline, fills and working buys.
 */
class AccountQueriesTest {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore store = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final JdbcOpenOrders openOrders = new JdbcOpenOrders(dataSource, Clock.systemUTC());
    private final JdbcAccountHoldings holdings = new JdbcAccountHoldings(dataSource, Clock.systemUTC());
    private final String account = "q-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void pagesWalkEveryOpenOrderOnceInCreationOrderWhileOrdersComeAndGo() throws Exception {
        List<OrderRecord> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(order("s1", "005930", Side.BUY, "70000", 10, OrderState.ACKED));
        }
        order("s1", "005930", Side.BUY, "70000", 10, OrderState.FILLED);
        order("s1", "005930", Side.BUY, "70000", 10, OrderState.CANCELED);

        Set<UUID> seen = new HashSet<>();
        List<UUID> inOrder = new ArrayList<>();
        OpenOrdersPage page = openOrders.page(request(null, null, null, "3", null));
        assertThat(page.orders()).hasSize(3);
        page.orders().forEach(o -> inOrder.add(o.orderId()));
        // between pages: one already seen leaves, one not yet seen leaves, and a new one arrives
        setState(made.get(0), OrderState.CANCELED);
        setState(made.get(4), OrderState.FILLED);
        OrderRecord late = order("s1", "005930", Side.BUY, "70000", 10, OrderState.SUBMITTED);
        while (page.next() != null) {
            page = openOrders.page(request(null, null, null, "3", page.next().encode()));
            page.orders().forEach(o -> inOrder.add(o.orderId()));
        }
        inOrder.forEach(id -> assertThat(seen.add(id)).as("no order twice: " + id).isTrue());
        List<UUID> expected = new ArrayList<>(made.stream().map(OrderRecord::orderId).toList());
        expected.remove(made.get(4).orderId());
        expected.add(late.orderId());
        assertThat(inOrder).as("every order open when its page was read, oldest first").containsExactlyElementsOf(expected);
    }

    @Test
    void filtersByStrategySymbolAndStateAndLeavesFilledSharesOut() {
        OrderRecord mine = order("s1", "005930", Side.BUY, "70000", 10, OrderState.ACKED);
        OrderRecord theirs = order("s2", "005930", Side.SELL, "71000", 5, OrderState.ACKED);
        OrderRecord otherSymbol = order("s1", "000660", Side.BUY, "200000", 1, OrderState.PARTIAL_FILLED);
        order("s1", "005930", Side.BUY, "70000", 10, OrderState.DENIED);

        assertThat(ids(request("s1", null, null, null, null))).containsExactly(mine.orderId(), otherSymbol.orderId());
        assertThat(ids(request(null, "005930", null, null, null))).containsExactly(mine.orderId(), theirs.orderId());
        assertThat(ids(request(null, null, "PARTIAL_FILLED", null, null))).containsExactly(otherSymbol.orderId());
        assertThat(ids(new OpenOrdersRequest("elsewhere-" + account, null, null, OpenOrdersRequest.OPEN, 10, null)))
                .as("another account's orders never").isEmpty();
    }

    @Test
    void badFiltersAreRefusedWithTheParameterNamed() {
        assertThatThrownBy(() -> request(null, null, "FILLED", null, null)).hasMessageContaining("state must be one of");
        assertThatThrownBy(() -> request(null, null, "nonsense", null, null)).hasMessageContaining("state must be");
        assertThatThrownBy(() -> request(null, null, null, "0", null)).hasMessageContaining("limit must be");
        assertThatThrownBy(() -> request(null, null, null, "501", null)).hasMessageContaining("limit must be");
        assertThatThrownBy(() -> request(null, null, null, "-1", null)).hasMessageContaining("limit must be");
        assertThatThrownBy(() -> request(null, null, null, "99999999999", null)).hasMessageContaining("limit must be");
        assertThatThrownBy(() -> request(null, null, null, null, "not-a-cursor")).hasMessageContaining("after is not");
        assertThatThrownBy(() -> request(null, null, null, null, "bzE6eDp5")).hasMessageContaining("after is not");
        assertThatThrownBy(() -> request(null, " 005930", null, null, null)).hasMessageContaining("symbol must be");
        assertThatThrownBy(() -> request("s1' or 1=1", null, null, null, null)).hasMessageContaining("strategy must be");
        OrderCursor cursor = new OrderCursor(Instant.parse("2026-12-07T01:02:03.123456Z"), UUID.randomUUID());
        assertThat(OrderCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void anItemIsConfirmedOnlyByASucceededRunThatReadItAsItIsAndLeftNoBreakOnIt() throws Exception {
        OrderRecord before = order("s1", "005930", Side.BUY, "70000", 10, OrderState.ACKED);
        OrderRecord broken = order("s1", "005930", Side.BUY, "70000", 10, OrderState.ACKED);
        assertThat(openOrders.page(request(null, null, null, null, null)).reconciliation().confirms(
                before.orderId().toString(), before.updatedAt())).as("never reconciled").isFalse();

        Instant readBooks = Instant.now().plusMillis(5);
        long run = run("SUCCEEDED", readBooks);
        exec("insert into recon_breaks (account, kind, subject, opened_run_id) values (?, 'ORDER_STATUS', ?, ?)",
                account, broken.orderId().toString(), run);
        run("FAILED", readBooks.plusMillis(10));
        OrderRecord after = order("s1", "005930", Side.BUY, "70000", 10, OrderState.ACKED);
        exec("update orders set updated_at = ? where order_id = ?", Timestamp.from(readBooks.plusMillis(1)), after.orderId());

        OpenOrdersPage page = openOrders.page(request(null, null, null, null, null));
        ReconciliationMark mark = page.reconciliation();
        assertThat(mark.lastRunOutcome()).isEqualTo("FAILED");
        assertThat(mark.lastSucceededStartedAt()).isNotNull();
        OrderRecord readBefore = find(page, before);
        assertThat(mark.confirms(before.orderId().toString(), readBefore.updatedAt())).isTrue();
        assertThat(mark.confirms(broken.orderId().toString(), find(page, broken).updatedAt())).isFalse();
        assertThat(mark.openBreaks(broken.orderId().toString())).containsExactly("ORDER_STATUS");
        assertThat(mark.confirms(after.orderId().toString(), find(page, after).updatedAt()))
                .as("changed after the last successful run read the books").isFalse();
    }

    @Test
    void positionsAreTheAccountsNonZeroOnesWithUnrealisedPnlAtTheLastPrice() throws Exception {
        exec("insert into positions (account, symbol, quantity, avg_price) values (?, '005930', 10, 70000), "
                + "(?, '000660', 0, 1), (?, '035420', -3, 200000.5)", account, account, account);
        HeldPositions held = holdings.positions(account);
        assertThat(held.positions()).extracting(HeldPosition::symbol).containsExactly("005930", "035420");
        assertThat(held.positions().get(0).unrealisedPnl(new BigDecimal("71000"))).isEqualByComparingTo("10000");
        assertThat(held.positions().get(1).unrealisedPnl(new BigDecimal("200000"))).isEqualByComparingTo("1.5");
        assertThat(held.positions().get(0).unrealisedPnl(null)).as("no last price: unknown, not zero").isNull();
    }

    @Test
    void orderableCashIsTheBaselineMovedByTodaysFillsLessWhatWorkingBuysHold() throws Exception {
        LocalDate today = LocalDate.now(KST);
        CashEstimate unknown = holdings.cash(account, today, s -> Optional.empty());
        assertThat(unknown.orderableCash()).as("no reconciliation measured the day yet").isNull();

        exec("insert into account_days (account, trading_date, opening_cash, cash_measure) values (?, ?, 10000000, "
                + "'SETTLEMENT_D2')", account, today);
        fill("SELL", 10, "70000", 10, Instant.now());
        fill("BUY", 5, "20000", 3, Instant.now());
        fill("BUY", 100, "1000", 100, today.minusDays(1).atStartOfDay(KST).toInstant());
        order("s1", "005930", Side.BUY, "70000", 10, OrderState.PARTIAL_FILLED, 4);
        order("s1", "000660", Side.BUY, null, 2, OrderState.ACKED);
        order("s1", "035420", Side.BUY, null, 1, OrderState.ACKED);
        order("s1", "005930", Side.SELL, "90000", 10, OrderState.ACKED);
        order("s1", "005930", Side.BUY, "70000", 10, OrderState.CANCELED);

        CashEstimate cash = holdings.cash(account, today,
                s -> s.equals("000660") ? Optional.of(new BigDecimal("200000")) : Optional.empty());
        assertThat(cash.filledNet()).as("700,000 in, 60,000 out today; yesterday's fill not").isEqualByComparingTo("640000");
        assertThat(cash.heldForBuys()).as("6 x 70,000 + 2 x 200,000").isEqualByComparingTo("820000");
        assertThat(cash.unpricedMarketBuys()).isEqualTo(1);
        assertThat(cash.orderableCash()).isEqualByComparingTo("9820000");
        assertThat(cash.measure()).isEqualTo("SETTLEMENT_D2");
        assertThat(cash.asOf()).isNotNull();
        assertThat(cash.readAt()).isAfterOrEqualTo(cash.asOf().minus(Duration.ofSeconds(1)));
    }

    private OpenOrdersRequest request(String strategy, String symbol, String state, String limit, String after) {
        return OpenOrdersRequest.parse(account, strategy, symbol, state, limit, after, 100, 500);
    }

    private List<UUID> ids(OpenOrdersRequest request) {
        return openOrders.page(request).orders().stream().map(OrderRecord::orderId).toList();
    }

    private static OrderRecord find(OpenOrdersPage page, OrderRecord o) {
        return page.orders().stream().filter(r -> r.orderId().equals(o.orderId())).findFirst().orElseThrow();
    }

    private OrderRecord order(String strategy, String symbol, Side side, String price, long quantity, OrderState state) {
        return order(strategy, symbol, side, price, quantity, state, 0);
    }

    private OrderRecord order(String strategy, String symbol, Side side, String price, long quantity, OrderState state,
                              long filled) {
        OrderRecord o = store.create(new OrderIntent("c-" + UUID.randomUUID(), account, strategy, symbol, side, quantity,
                price == null ? OrderType.MARKET : OrderType.LIMIT, price == null ? null : new BigDecimal(price),
                Exchange.KRX, Duration.ofSeconds(2), Instant.now())).order();
        try {
            exec("update orders set state = ?, filled_quantity = ? where order_id = ?", state.name(), filled, o.orderId());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return o;
    }

    private void setState(OrderRecord o, OrderState state) throws SQLException {
        exec("update orders set state = ?, updated_at = now() where order_id = ?", state.name(), o.orderId());
    }

    private long run(String outcome, Instant startedAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into recon_runs "
                + "(account, trigger, started_at, finished_at, outcome) values (?, 'TIMER', ?, ?, ?) returning run_id")) {
            ps.setString(1, account);
            ps.setTimestamp(2, Timestamp.from(startedAt));
            ps.setTimestamp(3, Timestamp.from(startedAt));
            ps.setString(4, outcome);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private void fill(String side, long quantity, String price, long counted, Instant at) throws SQLException {
        exec("insert into fills (fill_id, account, kis_order_no, symbol, side, quantity, price, occurred_at, "
                + "cumulative_quantity, source, counted_quantity) values (?, ?, '1', '005930', ?, ?, ?, ?, ?, 'STREAM', ?)",
                "f-" + UUID.randomUUID(), account, side, quantity, new BigDecimal(price), Timestamp.from(at), quantity, counted);
    }

    private void exec(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
