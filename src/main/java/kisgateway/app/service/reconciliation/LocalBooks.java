package kisgateway.app.service.reconciliation;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.fill.FillSource;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import kisgateway.reconcile.BreakKind;
import kisgateway.reconcile.snapshot.LocalFill;
import kisgateway.reconcile.snapshot.LocalOrder;
import kisgateway.reconcile.snapshot.LocalPosition;
import kisgateway.reconcile.snapshot.LocalSnapshot;
import kisgateway.reconcile.snapshot.OpenBreak;

/**
 * The gateway's side of a reconciliation, read in one database transaction (one consistent picture): today's
 * orders, every order not finished and every order an open break names, with all the KIS numbers each has had;
 * today's fills (parked ones too); positions; the cash the day is expected to end with; the open breaks.
 */
final class LocalBooks {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final DataSource dataSource;
    private final JdbcOrderStore orders;

    LocalBooks(DataSource dataSource, JdbcOrderStore orders) {
        this.dataSource = dataSource;
        this.orders = orders;
    }

    LocalSnapshot read(String account, LocalDate tradingDate, Instant asOf, BigDecimal openingCash) throws SQLException {
        Instant dayStart = tradingDate.atStartOfDay(KST).toInstant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                List<OpenBreak> breaks = openBreaks(c, account);
                List<LocalOrder> localOrders = orders(c, account, dayStart, breaks);
                List<LocalFill> fills = fills(c, account, dayStart);
                List<LocalPosition> positions = positions(c, account);
                BigDecimal expectedCash = openingCash == null ? null : openingCash.add(netCash(fills));
                c.commit();
                return new LocalSnapshot(account, asOf, localOrders, fills, positions, expectedCash, breaks);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    // a broken connection (the server gone, a read timed out) rolls nothing back: the failure
                    // that broke it is the one to report, or a stalled database reads as an internal error
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        }
    }

    /** Sells bring cash in, buys take it out (fees and taxes are left to the tolerance). */
    static BigDecimal netCash(List<LocalFill> fills) {
        BigDecimal net = BigDecimal.ZERO;
        for (LocalFill f : fills) {
            BigDecimal value = f.price().multiply(BigDecimal.valueOf(f.quantity()));
            net = f.side() == Side.SELL ? net.add(value) : net.subtract(value);
        }
        return net;
    }

    private List<LocalOrder> orders(Connection c, String account, Instant dayStart, List<OpenBreak> breaks)
            throws SQLException {
        List<UUID> named = new ArrayList<>();
        for (OpenBreak b : breaks) {
            try {
                named.add(UUID.fromString(b.subject()));
            } catch (IllegalArgumentException notAnOrder) {
                // a symbol, cash or an order number
            }
        }
        List<UUID> ids = new ArrayList<>();
        // a SHADOW order never went to KIS: there is nothing of it there to find, or to miss
        try (PreparedStatement ps = c.prepareStatement("select order_id from orders where account = ? and not shadow"
                + " and (created_at >= ? or state not in ('DENIED','FILLED','REJECTED','CANCELED','EXPIRED')"
                + " or order_id = any (?))")) {
            ps.setString(1, account);
            ps.setTimestamp(2, Timestamp.from(dayStart));
            ps.setArray(3, c.createArrayOf("uuid", named.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        Map<UUID, List<String>> numbers = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select order_id, kis_order_no from order_broker_numbers "
                + "where order_id = any (?) order by recorded_at")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        Map<UUID, Instant> sent = eventTimes(c, ids, "SUBMIT", false);
        Map<UUID, Instant> pending = eventTimes(c, ids, "CANCEL_REQUEST','REPLACE_REQUEST", true);
        List<LocalOrder> out = new ArrayList<>();
        for (UUID id : ids) {
            OrderRecord o = orders.byIdIn(c, id).orElseThrow();
            boolean isPending = o.state() == OrderState.CANCEL_PENDING || o.state() == OrderState.REPLACE_PENDING;
            out.add(new LocalOrder(o, numbers.getOrDefault(id, List.of()), sent.get(id), isPending ? pending.get(id) : null));
        }
        return out;
    }

    private static Map<UUID, Instant> eventTimes(Connection c, List<UUID> ids, String types, boolean latest)
            throws SQLException {
        Map<UUID, Instant> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select order_id, " + (latest ? "max" : "min") + "(occurred_at) "
                + "from order_events where order_id = any (?) and event_type in ('" + types + "') group by order_id")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return out;
    }

    private static List<LocalFill> fills(Connection c, String account, Instant dayStart) throws SQLException {
        List<LocalFill> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select fill_id, order_id, kis_order_no, symbol, side, "
                + "counted_quantity, price, occurred_at, source from fills where account = ? and occurred_at >= ? "
                // an inferred fill counts what late notices left of it; one they replaced whole counts nothing
                + "and counted_quantity > 0 order by occurred_at, fill_id")) {
            ps.setString(1, account);
            ps.setTimestamp(2, Timestamp.from(dayStart));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LocalFill(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            Side.valueOf(rs.getString(5)), rs.getLong(6), rs.getBigDecimal(7), rs.getTimestamp(8).toInstant(),
                            FillSource.valueOf(rs.getString(9))));
                }
            }
        }
        return out;
    }

    private static List<LocalPosition> positions(Connection c, String account) throws SQLException {
        List<LocalPosition> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select symbol, quantity, avg_price from positions where account = ? "
                + "order by symbol")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LocalPosition(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3)));
                }
            }
        }
        return out;
    }

    private static List<OpenBreak> openBreaks(Connection c, String account) throws SQLException {
        List<OpenBreak> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select break_id, kind, subject, opened_at from recon_breaks "
                + "where account = ? and resolved_at is null order by break_id")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OpenBreak(rs.getLong(1), BreakKind.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }
}
