package kisgateway.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rows of the {@code orders} table as {@link OrderRecord}s: the column list every read of the store selects, and the
 * one mapping of a row, for the store and the readers outside it ({@link JdbcOrderStore#fromRow}).
 */
final class OrderRows {

    static final String COLUMNS = "order_id, client_order_id, account, strategy_id, symbol, side, order_type, "
            + "exchange, quantity, price, state, origin, kis_order_no, kis_branch_no, kis_order_time, filled_quantity, "
            + "avg_fill_price, reject_code, reject_reason, time_to_live_ms, created_at, updated_at, version, shadow";

    private OrderRows() {
    }

    /** The first row a statement returns (an insert or update with {@code returning}), as an order. */
    static Optional<OrderRecord> first(PreparedStatement ps) throws SQLException {
        return firstOf(ps.executeQuery());
    }

    static Optional<OrderRecord> firstOf(ResultSet results) throws SQLException {
        try (ResultSet rs = results) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    static Optional<OrderRecord> single(Connection c, String sql, Object... args) throws SQLException {
        List<OrderRecord> rows = list(c, sql, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static List<OrderRecord> list(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<OrderRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    static OrderRecord read(ResultSet rs) throws SQLException {
        Timestamp orderTime = rs.getTimestamp("kis_order_time");
        long ttlMillis = rs.getLong("time_to_live_ms");
        Duration ttl = rs.wasNull() ? null : Duration.ofMillis(ttlMillis);
        return new OrderRecord(
                rs.getObject("order_id", UUID.class),
                rs.getString("client_order_id"),
                rs.getString("account"),
                rs.getString("strategy_id"),
                rs.getString("symbol"),
                Side.valueOf(rs.getString("side")),
                OrderType.ofCode(rs.getString("order_type")).orElse(null),
                Exchange.valueOf(rs.getString("exchange")),
                rs.getLong("quantity"),
                rs.getBigDecimal("price"),
                OrderState.valueOf(rs.getString("state")),
                rs.getString("origin"),
                rs.getString("kis_order_no"),
                rs.getString("kis_branch_no"),
                orderTime == null ? null : orderTime.toInstant(),
                rs.getLong("filled_quantity"),
                rs.getBigDecimal("avg_fill_price"),
                rs.getString("reject_code"),
                rs.getString("reject_reason"),
                ttl,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"),
                rs.getBoolean("shadow"));
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }
}
