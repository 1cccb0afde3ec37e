package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import kisgateway.risk.WorkingOrder;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new order's create reads the account's book in the same round trip and transaction, under the account's
 * screening lock (real PostgreSQL): the book leaves the new order out, a duplicate reads none, and an order
 * whose create waits for the lock sees what was committed while it waited, so two orders of one account screened
 * at once see each other on any instance.
 */
class CreateAndReadBookTest {

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore store = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final MarketPrices prices = new MarketPrices((account, symbol, ttl) -> {
        throw new IllegalStateException("no look-ups in this test");
    }, Duration.ofSeconds(5), Duration.ofSeconds(3), Clock.systemUTC());
    private final String account = "book-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        threads.shutdownNow();
        prices.close();
    }

    private OrderIntent buy(String clientId, String price, long quantity) {
        return new OrderIntent(clientId, account, "s1", "005930", Side.BUY, quantity, OrderType.LIMIT,
                new BigDecimal(price), Exchange.KRX, Duration.ofSeconds(2), Instant.now());
    }

    private static String id() {
        return "cb-" + UUID.randomUUID();
    }

    private java.util.List<WorkingOrder> working(JdbcOrderStore.CreateResult created) {
        OrderRecord order = created.order();
        return new AccountBookSnapshot(prices, created.book()).workingOrders(account, order.orderId().toString());
    }

    @Test
    void theCreateReadsTheBookWithoutTheNewOrderAndADuplicateReadsNone() throws Exception {
        store.create(buy(id(), "70000", 10));
        String client = id();
        JdbcOrderStore.CreateResult created = store.create(buy(client, "70000", 4));

        assertThat(created.created()).isTrue();
        assertThat(created.book().isFor(created.order())).isTrue();
        assertThat(working(created)).as("the other order's level, the new order left out of it")
                .extracting(WorkingOrder::remainingQuantity).containsExactly(10L);
        assertThat(store.byId(created.order().orderId()).orElseThrow().state()).isEqualTo(OrderState.INTENT_CREATED);
        assertThat(events(created.order().orderId())).as("committed with its CREATE event").isEqualTo(1);

        JdbcOrderStore.CreateResult again = store.create(buy(client, "70000", 4));
        assertThat(again.created()).isFalse();
        assertThat(again.order().orderId()).isEqualTo(created.order().orderId());
        assertThat(again.book()).as("a duplicate is screened, if at all, from a fresh read").isNull();
        assertThat(events(created.order().orderId())).isEqualTo(1);
    }

    @Test
    void aCreateWaitingForTheAccountsLockSeesTheOrderCommittedWhileItWaited() throws Exception {
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(AccountBookSnapshot.SCREENING_LOCK)) {
                lock.setString(1, account);
                lock.execute();
            }
            CompletableFuture<JdbcOrderStore.CreateResult> waiting =
                    CompletableFuture.supplyAsync(() -> store.create(buy(id(), "69000", 3)), threads);
            await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForAnAdvisoryLock);
            assertThat(waiting).as("waits for the account's screening lock").isNotDone();

            // the lock holder's own order (as another instance's create would be), committed as the lock goes
            insertWorkingBuy(holder, "71000", 7);
            holder.commit();

            JdbcOrderStore.CreateResult created = waiting.get(10, TimeUnit.SECONDS);
            assertThat(working(created)).as("read after the lock was let go, so after that order's commit")
                    .extracting(WorkingOrder::remainingQuantity).containsExactly(7L);
        }
    }

    @Test
    void aCreateWhoseBookReadFailsLeavesNothingBehindAndFreesTheLock() throws Exception {
        String client = id();
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            // the book read (it reads positions; the create itself does not) waits behind this lock
            try (PreparedStatement lock = blocker.prepareStatement("lock table positions in access exclusive mode")) {
                lock.execute();
            }
            CompletableFuture<JdbcOrderStore.CreateResult> failing =
                    CompletableFuture.supplyAsync(() -> store.create(buy(client, "70000", 5)), threads);
            // the database fails the pipeline halfway: after the insert, during the read
            await().atMost(Duration.ofSeconds(10)).until(() -> cancelBackendWaitingOn("positions"));
            assertThat(catchThrowable(() -> failing.get(10, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(OrderStoreException.class);
            blocker.rollback();
        }
        assertThat(store.byClientOrderId("s1", client)).as("the insert went with the failed read").isEmpty();
        assertThat(workingOrdersCounted()).as("no working-level move either").isZero();

        JdbcOrderStore.CreateResult again = CompletableFuture.supplyAsync(() -> store.create(buy(client, "70000", 5)),
                threads).get(10, TimeUnit.SECONDS);
        assertThat(again.created()).as("the intent sent again is created: the lock was freed, the id is free")
                .isTrue();
        assertThat(events(again.order().orderId())).isEqualTo(1);
    }

    @Test
    void aCreateOfAnotherAccountDoesNotWaitForTheLock() throws Exception {
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(AccountBookSnapshot.SCREENING_LOCK)) {
                lock.setString(1, "other-" + account);
                lock.execute();
            }
            JdbcOrderStore.CreateResult created = CompletableFuture.supplyAsync(
                    () -> store.create(buy(id(), "69000", 3)), threads).get(10, TimeUnit.SECONDS);
            assertThat(created.created()).isTrue();
            holder.rollback();
        }
    }

    private void insertWorkingBuy(Connection c, String price, long quantity) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("insert into orders (order_id, client_order_id, account, "
                + "strategy_id, symbol, side, order_type, quantity, price, state) values (?, ?, ?, 's1', '005930', "
                + "'BUY', '00', ?, ?, 'ACKED')")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, id());
            ps.setString(3, account);
            ps.setLong(4, quantity);
            ps.setBigDecimal(5, new BigDecimal(price));
            ps.executeUpdate();
        }
    }

    /** Cancels the statement of the backend waiting for a lock on the table, if there is one yet. */
    private boolean cancelBackendWaitingOn(String table) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select pg_cancel_backend(l.pid) from pg_locks l join pg_class t on t.oid = l.relation "
                        + "where t.relname = ? and not l.granted")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Working orders the account's levels and moves count (folded or not). */
    private int workingOrdersCounted() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select coalesce(sum(n), 0) from (select orders_delta as n from working_level_moves where account = ? "
                        + "union all select orders from working_levels where account = ?) b")) {
            ps.setString(1, account);
            ps.setString(2, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private boolean someoneWaitsForAnAdvisoryLock() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private int events(UUID orderId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from order_events where order_id = ?")) {
            ps.setObject(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
