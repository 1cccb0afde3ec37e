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
 * The working book the database keeps by price level ({@code working_levels}, moved by a trigger on every change of
 * an order) against a recount of the orders themselves, after random lives of orders on several threads at once:
 * fills, revisions of price and quantity, cancels, denials, unknown outcomes. Real PostgreSQL.
 */
class WorkingLevelsTest {

    private static final String WORKING = "('INTENT_CREATED','SUBMITTED','ACKED','PARTIAL_FILLED','CANCEL_PENDING',"
            + "'REPLACE_PENDING','RECONCILE_REQUIRED')";

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore store = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final String account = "lv-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theLevelsAlwaysEqualARecountOfTheWorkingOrders() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
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
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> kept = levels("select symbol, side, price, open_quantity, orders from working_levels "
                + "where account = ?");
        Map<String, String> recount = levels("select symbol, side, coalesce(price, 0), sum(quantity - filled_quantity), "
                + "count(*) from orders where account = ? and state in " + WORKING + " and quantity > filled_quantity "
                + "group by 1, 2, 3");
        assertThat(recount).as("the random lives left orders working").isNotEmpty();
        assertThat(kept).isEqualTo(recount);
        assertThat(samplesOutsideTheirLevel()).as("every level is named by one of its working orders").isZero();
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
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3).stripTrailingZeros()
                            .toPlainString(), rs.getLong(4) + " in " + rs.getLong(5));
                }
            }
        }
        return out;
    }

    private int samplesOutsideTheirLevel() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) "
                + "from working_levels l where l.account = ? and not exists (select 1 from orders o where "
                + "o.order_id = l.sample_order_id and o.account = l.account and o.symbol = l.symbol and o.side = l.side "
                + "and coalesce(o.price, 0) = l.price and o.state in " + WORKING + " and o.quantity > o.filled_quantity)")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
