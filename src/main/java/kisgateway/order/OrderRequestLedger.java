package kisgateway.order;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code order_requests} ledger: each cancel or replace request under its strategy's own request id (the
 * idempotency of retried calls and redeliveries), what it withdrew, and how it ended.
 */
final class OrderRequestLedger {

    private final DataSource dataSource;
    private final Clock clock;

    OrderRequestLedger(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Records a cancel or replace request under its own client id (unique within its strategy), in the caller's
     * transaction, with the quote it withdraws (the target's price and open quantity, as the gate screened it) and
     * its time on the gateway's clock: the compliance windows are rebuilt from these rows ({@link JdbcConductHistory}).
     *
     * @param target the order the request cancels or revises, as read for its screening
     * @return false when the strategy used that request id before (a redelivery or a retried call)
     */
    boolean recordRequest(Connection c, String clientRequestId, OrderRecord target, IntentKind kind,
                         String strategyId, Long quantity, BigDecimal price) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into order_requests (client_request_id, order_id, kind, "
                + "strategy_id, quantity, price, withdrawn_price, withdrawn_quantity, created_at, updated_at) "
                + "values (?,?,?,?,?,?,?,?,?,?) on conflict (client_request_id, strategy_id) do nothing")) {
            Timestamp now = Timestamp.from(clock.instant());
            ps.setString(1, clientRequestId);
            ps.setObject(2, target.orderId());
            ps.setString(3, kind.name());
            ps.setString(4, strategyId);
            ps.setObject(5, quantity);
            ps.setBigDecimal(6, price);
            ps.setBigDecimal(7, target.price());
            ps.setLong(8, target.remainingQuantity());
            ps.setTimestamp(9, now);
            ps.setTimestamp(10, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** How a cancel or replace request ended: ACKED, REJECTED, AMBIGUOUS or REFUSED (not sent). */
    void settleRequest(String strategyId, String clientRequestId, String state, String kisOrderNo,
                       String reason) {
        query(c -> {
            try (PreparedStatement ps = c.prepareStatement("update order_requests set state = ?, kis_order_no = ?, "
                    + "reason = ?, updated_at = ? where client_request_id = ? and strategy_id = ?")) {
                ps.setString(1, state);
                ps.setString(2, kisOrderNo);
                ps.setString(3, reason);
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                ps.setString(5, clientRequestId);
                ps.setString(6, strategyId);
                return ps.executeUpdate();
            }
        });
    }

    Optional<OrderRequestRecord> request(String strategyId, String clientRequestId) {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select client_request_id, order_id, kind, state, "
                    + "kis_order_no, reason from order_requests where client_request_id = ? and strategy_id = ?")) {
                ps.setString(1, clientRequestId);
                ps.setString(2, strategyId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new OrderRequestRecord(rs.getString(1), rs.getObject(2, UUID.class),
                            IntentKind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        });
    }

    private <T> T query(JdbcOrderStore.SqlWork<T> work) {
        return JdbcOrderStore.query(dataSource, work);
    }
}
