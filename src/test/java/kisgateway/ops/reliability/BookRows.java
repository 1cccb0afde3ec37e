package kisgateway.ops.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Orders, their events and breaks written straight into the books, at the times a test names. */
final class BookRows {

    private final DataSource dataSource;

    BookRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    UUID order(String account, String state, Instant createdAt, String rejectCode) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into orders "
                + "(order_id, client_order_id, account, strategy_id, symbol, side, order_type, quantity, price, state, "
                + "reject_code, created_at) values (?, ?, ?, 'demo', '005930', 'BUY', '00', 1, 70000, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, "c-" + id);
            ps.setString(3, account);
            ps.setString(4, state);
            ps.setString(5, rejectCode);
            ps.setTimestamp(6, Timestamp.from(createdAt));
            ps.executeUpdate();
        }
        return id;
    }

    void event(UUID orderId, int seq, String type, String to, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into "
                + "order_events (order_id, seq, event_type, to_state, occurred_at, published_at) values "
                + "(?, ?, ?, ?, ?, now())")) {
            ps.setObject(1, orderId);
            ps.setInt(2, seq);
            ps.setString(3, type);
            ps.setString(4, to);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** An order created at {@code created}, sent at {@code submitted}, acknowledged at {@code acked}. */
    UUID acked(String account, Instant created, Instant submitted, Instant acked) throws SQLException {
        UUID id = order(account, "ACKED", created, null);
        event(id, 1, "CREATE", "INTENT_CREATED", created);
        event(id, 2, "SUBMIT", "SUBMITTED", submitted);
        event(id, 3, "ACK", "ACKED", acked);
        return id;
    }

    UUID ended(String account, String type, String state, String code, Instant at) throws SQLException {
        UUID id = order(account, state, at, code);
        event(id, 1, "CREATE", "INTENT_CREATED", at);
        event(id, 2, type, state, at);
        return id;
    }

    long openBreak(String account, String symbol, Instant openedAt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long run;
            try (PreparedStatement ps = c.prepareStatement("insert into recon_runs (account, trigger, started_at, outcome) "
                    + "values (?, 'TEST', now(), 'SUCCEEDED') returning run_id")) {
                ps.setString(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    run = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into recon_breaks (account, kind, subject, "
                    + "opened_run_id, opened_at, local_evidence, broker_evidence, summary) values (?, 'POSITION_QUANTITY', "
                    + "?, ?, ?, '{}'::jsonb, '{}'::jsonb, 'differs') returning break_id")) {
                ps.setString(1, account);
                ps.setString(2, symbol);
                ps.setLong(3, run);
                ps.setTimestamp(4, Timestamp.from(openedAt));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }
}
