package kisgateway.query;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import kisgateway.order.OrderStoreException;

/**
 * An account's positions and its orderable cash from the gateway's books, each read in one repeatable-read
 * transaction with the account's reconciliation mark.
 *
 * <p>Two clocks stamp these books: the gateway's (orders, reconciliation runs) and the database's own {@code now()}
 * (positions, fills received, the day's baseline). They agree where the gateway runs on the host's clock; in sim
 * mode the gateway's clock is the simulator's, hours apart. Every time answered is the gateway's: a database time is
 * moved by the two clocks' difference at the read, so an age and a comparison with a reconciliation run mean the same
 * in every mode.
 */
public final class JdbcAccountHoldings {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final DataSource dataSource;
    private final java.time.Clock clock;

    /** @param clock the gateway's clock, the one orders and reconciliation runs are stamped with */
    public JdbcAccountHoldings(DataSource dataSource, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public HeldPositions positions(String account) {
        return inSnapshot("reading positions", (c, readAt, skew) -> {
            List<HeldPosition> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select symbol, quantity, avg_price, updated_at from positions "
                    + "where account = ? and quantity <> 0 order by symbol")) {
                ps.setString(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HeldPosition(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3),
                                rs.getTimestamp(4).toInstant().plus(skew)));
                    }
                }
            }
            return new HeldPositions(out, readAt, JdbcReconciliationMarks.read(c, account));
        });
    }

    /**
     * @param tradingDate the day in Seoul whose fills move the baseline
     * @param lastPrice   the last price of a symbol, where known (prices a market buy)
     */
    public CashEstimate cash(String account, LocalDate tradingDate, Function<String, Optional<BigDecimal>> lastPrice) {
        Instant dayStart = tradingDate.atStartOfDay(KST).toInstant();
        return inSnapshot("reading cash", (c, readAt, skew) -> {
            BigDecimal opening = null;
            String measure = null;
            Instant asOf = null;
            try (PreparedStatement ps = c.prepareStatement("select opening_cash, cash_measure, opened_at from account_days "
                    + "where account = ? and trading_date = ?")) {
                ps.setString(1, account);
                ps.setObject(2, tradingDate);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        opening = rs.getBigDecimal(1);
                        measure = rs.getString(2);
                        asOf = rs.getTimestamp(3).toInstant().plus(skew);
                    }
                }
            }
            BigDecimal filledNet = BigDecimal.ZERO;
            // an inferred fill counts what late notices left of it (counted_quantity), as reconciliation counts it
            try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(case when side = 'SELL' then 1 else -1 end "
                    + "* counted_quantity * price), 0), max(received_at) from fills where account = ? and occurred_at >= ? "
                    + "and counted_quantity > 0")) {
                ps.setString(1, account);
                ps.setTimestamp(2, Timestamp.from(dayStart));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    filledNet = rs.getBigDecimal(1);
                    asOf = latest(asOf, rs.getTimestamp(2), skew);
                }
            }
            BigDecimal held = BigDecimal.ZERO;
            int unpriced = 0;
            // a SHADOW order never went to KIS and holds nothing there
            try (PreparedStatement ps = c.prepareStatement("select symbol, price, quantity - filled_quantity, updated_at "
                    + "from orders where account = ? and side = 'BUY' and not shadow and quantity > filled_quantity "
                    + "and state = any (?)")) {
                ps.setString(1, account);
                ps.setArray(2, c.createArrayOf("text", OpenOrdersRequest.OPEN.stream().map(Enum::name).sorted().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        BigDecimal price = rs.getBigDecimal(2);
                        if (price == null) {
                            price = lastPrice.apply(rs.getString(1)).orElse(null);
                        }
                        if (price == null) {
                            unpriced++;
                        } else {
                            held = held.add(price.multiply(BigDecimal.valueOf(rs.getLong(3))));
                        }
                        asOf = latest(asOf, rs.getTimestamp(4), java.time.Duration.ZERO);
                    }
                }
            }
            return new CashEstimate(opening, measure, filledNet, held, unpriced, asOf, readAt,
                    JdbcReconciliationMarks.read(c, account));
        });
    }

    private static Instant latest(Instant a, Timestamp b, java.time.Duration skew) {
        if (b == null) {
            return a;
        }
        Instant t = b.toInstant().plus(skew);
        return a == null || t.isAfter(a) ? t : a;
    }

    private <T> T inSnapshot(String what, Read<T> read) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                Instant readAt = clock.instant();
                // the gateway's clock less the database's: what moves a database time onto the gateway's clock
                java.time.Duration skew = java.time.Duration.between(JdbcOpenOrders.now(c), readAt);
                T out = read.run(c, readAt, skew);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                JdbcOpenOrders.rollBackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new OrderStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection c, Instant readAt, java.time.Duration skew) throws SQLException;
    }
}
