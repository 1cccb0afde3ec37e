package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The working book the database keeps by price level (moves appended by a trigger on every change of an order, folded
 * into {@code working_levels}) against a recount of the orders themselves, after random lives of orders on several
 * threads at once (fills, revisions of price and quantity, cancels, denials, unknown outcomes) while two folds run
 * over and over beside them. Real PostgreSQL.
 */
class WorkingLevelsTest {

    private static final String WORKING = "('INTENT_CREATED','SUBMITTED','ACKED','PARTIAL_FILLED','CANCEL_PENDING',"
            + "'REPLACE_PENDING','RECONCILE_REQUIRED')";

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore store = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final WorkingLevelFold fold = new WorkingLevelFold(dataSource);
    private final String account = "lv-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theLevelsAlwaysEqualARecountOfTheWorkingOrders() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        java.util.concurrent.atomic.AtomicBoolean living = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger folded = new java.util.concurrent.atomic.AtomicInteger();
        try {
            List<Future<?>> folds = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                folds.add(pool.submit(() -> {
                    while (living.get()) {
                        folded.addAndGet(fold.fold());
                    }
                    return null;
                }));
            }
            List<Future<?>> lives = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = 20261122L + t;
                lives.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 60; i++) {
                        live(random);
                    }
                    return null;
                }));
            }
            for (Future<?> life : lives) {
                life.get();
            }
            living.set(false);
            for (Future<?> f : folds) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> recount = levels("select symbol, side, coalesce(price, 0), sum(quantity - filled_quantity), "
                + "count(*) from orders where account = ? and state in " + WORKING + " and quantity > filled_quantity "
                + "group by 1, 2, 3");
        assertThat(recount).as("the random lives left orders working").isNotEmpty();
        assertThat(folded.get()).as("the folds ran while the orders lived").isPositive();
        assertThat(levels("select symbol, side, price, sum(open_quantity), sum(orders) from (select symbol, side, price, "
                + "open_quantity, orders from working_levels where account = ? union all select symbol, side, price, "
                + "open_delta, orders_delta from working_level_moves where account = ?) b group by 1, 2, 3 "
                + "having sum(orders) > 0"))
                .as("levels plus the moves not folded yet").isEqualTo(recount);

        fold.fold();
        assertThat(levels("select symbol, side, price, open_quantity, orders from working_levels where account = ?"))
                .as("the levels alone once everything is folded; an emptied level is gone").isEqualTo(recount);
    }

    @Test
    void anOrdersTransactionNeverWaitsForAnotherOneOnTheirSharedLevel() throws Exception {
        OrderRecord a = acked(10);
        OrderRecord b = acked(10);
        java.util.concurrent.CountDownLatch aFilledNotCommitted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch bDone = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // a fill batch's transaction: it moved A's open shares on the level A and B share, and is still open
            Future<?> batch = pool.submit(() -> store.inTransaction(c -> {
                store.transition(c, a.orderId(), OrderEventType.PARTIAL_FILL,
                        OrderChange.because("test").fill(4, new BigDecimal("70000")));
                aFilledNotCommitted.countDown();
                try {
                    bDone.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(aFilledNotCommitted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // B leaves the same level meanwhile: it must not wait for the batch (with a shared row updated in
            // place it would, and the batch reaching B's row next would deadlock)
            Future<Transition> cancel = Executors.newSingleThreadExecutor().submit(() -> {
                store.transition(b.orderId(), OrderEventType.CANCEL_REQUEST, OrderChange.because("test"));
                return store.transition(b.orderId(), OrderEventType.CANCEL_ACK, OrderChange.because("test"));
            });
            assertThat(cancel.get(5, java.util.concurrent.TimeUnit.SECONDS).to()).isEqualTo(OrderState.CANCELED);
            bDone.countDown();
            batch.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        fold.fold();
        assertThat(levels("select symbol, side, price, open_quantity, orders from working_levels where account = ?"))
                .containsExactly(Map.entry("005930 BUY 70000", "6 in 1"));
    }

    private OrderRecord acked(long quantity) {
        OrderRecord o = store.create(new OrderIntent("lv-" + UUID.randomUUID(), account, "s1", "005930", Side.BUY,
                quantity, OrderType.LIMIT, new BigDecimal("70000"), Exchange.KRX, Duration.ofSeconds(60),
                Instant.now())).order();
        store.transitionFrom(o, OrderEventType.SUBMIT, OrderChange.because("test"));
        return store.transition(o.orderId(), OrderEventType.ACK, OrderChange.because("test")
                .brokerOrder(String.format("%010d", Math.abs(new Random().nextLong() % 10_000_000_000L)), "06010",
                        Instant.now())).order();
    }

    /** One order's random life, stopping anywhere along the way. */
    private void live(Random random) {
        boolean market = random.nextInt(8) == 0;
        String symbol = random.nextBoolean() ? "005930" : "000660";
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        BigDecimal price = market ? null : BigDecimal.valueOf(70_000 + 100L * random.nextInt(3));
        long quantity = 1 + random.nextInt(20);
        OrderRecord o = store.create(new OrderIntent("lv-" + UUID.randomUUID(), account, "s1", symbol, side, quantity,
                market ? OrderType.MARKET : OrderType.LIMIT, price, Exchange.KRX, Duration.ofSeconds(60),
                Instant.now())).order();
        UUID id = o.orderId();
        switch (random.nextInt(10)) {
            case 0 -> {
                return;
            }
            case 1 -> {
                store.transition(id, OrderEventType.DENY, OrderChange.because("test").rejection("RULE", "test"));
                return;
            }
            default -> store.transitionFrom(o, OrderEventType.SUBMIT, OrderChange.because("test"));
        }
        if (random.nextInt(8) == 0) {
            store.transition(id, OrderEventType.AMBIGUOUS, OrderChange.because("test"));
            return;
        }
        store.transition(id, OrderEventType.ACK, OrderChange.because("test")
                .brokerOrder(String.format("%010d", Math.abs(random.nextLong() % 10_000_000_000L)), "06010", Instant.now()));
        long filled = 0;
        for (int step = 0; step < 4; step++) {
            long open = store.byId(id).orElseThrow().remainingQuantity();
            if (open == 0) {
                return;
            }
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    long q = 1 + random.nextInt((int) open);
                    filled += q;
                    store.transition(id, OrderEventType.PARTIAL_FILL, OrderChange.because("test")
                            .fill(q, price == null ? new BigDecimal("70000") : price));
                }
                case 2 -> {
                    store.transition(id, OrderEventType.REPLACE_REQUEST, OrderChange.because("test"));
                    BigDecimal newPrice = market ? null : BigDecimal.valueOf(70_000 + 100L * random.nextInt(3));
                    store.transition(id, OrderEventType.REPLACE_ACK, OrderChange.because("test")
                            .revision((long) (1 + random.nextInt(20)), newPrice));
                }
                case 3 -> {
                    store.transition(id, OrderEventType.CANCEL_REQUEST, OrderChange.because("test"));
                    if (random.nextBoolean()) {
                        store.transition(id, OrderEventType.CANCEL_ACK, OrderChange.because("test"));
                        return;
                    }
                    store.transition(id, OrderEventType.CANCEL_REJECT, OrderChange.because("test"));
                }
                default -> {
                    if (filled == 0) {
                        store.transition(id, OrderEventType.BROKER_CANCEL, OrderChange.because("test"));
                        return;
                    }
                }
            }
        }
    }

    private Map<String, String> levels(String sql) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                ps.setString(i, account);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3).stripTrailingZeros()
                            .toPlainString(), rs.getLong(4) + " in " + rs.getLong(5));
                }
            }
        }
        return out;
    }
}
