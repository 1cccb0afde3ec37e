package kisgateway.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code order_events} table: appending an order's next event in the caller's transaction, and the SQL of the
 * outbox of kis.order.events ({@link OrderEventOutbox} makes the messages): reading the events not yet published and
 * marking them.
 */
final class OrderEventLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sequence number of an order's next event; the caller holds the order's row, so no one else takes it. */
    static final String NEXT_SEQ = "(select coalesce(max(seq), 0) + 1 from order_events where order_id = ?)";

    private final DataSource dataSource;
    private final Clock clock;

    OrderEventLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Events not yet on kis.order.events (the outbox), oldest first. When one of them belongs to an order still
     * INTENT_CREATED, whose create may not be flushed yet (the create lock of {@link JdbcOrderStore}), the read
     * waits for a flush first, so no event goes out that a machine crash could take back; any later transition of an
     * order was a commit that waited, and covers its create.
     */
    List<OrderEventRecord> unpublishedEvents(int limit) {
        return query(c -> {
            List<OrderEventRecord> out = new ArrayList<>();
            boolean unflushedCreate = false;
            try (PreparedStatement ps = c.prepareStatement("select e.event_id, e.order_id, e.seq, e.event_type, "
                    + "e.from_state, e.to_state, e.cause, e.detail::text, e.occurred_at, o.client_order_id, o.account, "
                    + "o.strategy_id, o.symbol, o.side, o.state, o.shadow from order_events e "
                    + "join orders o on o.order_id = e.order_id where e.published_at is null "
                    + "order by e.event_id limit ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OrderEventRecord(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11), rs.getString(12),
                                rs.getString(13), rs.getString(14), rs.getBoolean(16)));
                        unflushedCreate |= OrderState.INTENT_CREATED.name().equals(rs.getString(15));
                    }
                }
            }
            if (unflushedCreate) {
                awaitFlush(c);
            }
            return out;
        });
    }

    /**
     * Waits until the WAL written so far is flushed: a transaction that writes WAL (here a transactional logical
     * message, a record no table keeps) commits synchronously, as the server is set to, so its commit waits for
     * the flush up to its record, past every commit that was visible before it. (A transaction that only takes an
     * id writes no WAL before its commit record and does not wait; checked on PostgreSQL 17.) Autocommit, so the
     * statement is its own transaction.
     */
    static void awaitFlush(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_logical_emit_message(true, 'kis-gateway', "
                + "'flush before naming an order')")) {
            ps.executeQuery().close();
        }
    }

    /** Marks a published batch in one statement. */
    void markPublished(List<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update order_events set published_at = ? where event_id = any (?) and published_at is null")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setArray(2, c.createArrayOf("bigint", eventIds.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    void markPublished(long eventId) {
        query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update order_events set published_at = ? where event_id = ? and published_at is null")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setLong(2, eventId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Appends the order's next event, its sequence number taken in the same statement ({@link #NEXT_SEQ}): the
     * caller holds the order's row (created or locked in this transaction).
     */
    static long appendEvent(Connection c, UUID orderId, OrderEventType event, OrderState from,
                            OrderState to, OrderChange change, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into order_events (order_id, seq, event_type, from_state, "
                + "to_state, cause, detail, occurred_at) values (?, " + NEXT_SEQ + ", ?, ?, ?, ?, ?::jsonb, ?) "
                + "returning event_id")) {
            ps.setObject(1, orderId);
            ps.setObject(2, orderId);
            ps.setString(3, event.name());
            ps.setString(4, from == null ? null : from.name());
            ps.setString(5, to.name());
            ps.setString(6, change.cause());
            ps.setString(7, toJson(change.detail()));
            ps.setTimestamp(8, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String toJson(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new OrderStoreException("event detail is not serialisable: " + e.getMessage(), e);
        }
    }

    private <T> T query(JdbcOrderStore.SqlWork<T> work) {
        return JdbcOrderStore.query(dataSource, work);
    }
}
