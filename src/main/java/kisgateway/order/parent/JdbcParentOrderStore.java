package kisgateway.order.parent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.jdbc.JdbcTransaction;
import kisgateway.order.AlgorithmKind;
import kisgateway.order.Exchange;
import kisgateway.order.OrderState;
import kisgateway.order.OrderStoreException;
import kisgateway.order.OrderType;
import kisgateway.order.ParentAlgorithm;
import kisgateway.order.ParentIntent;
import kisgateway.order.Side;

/**
 * Parent orders, their children and their events (V18): every transition is one transaction that moves the row and
 * appends its event (the audit and the outbox of kis.order.events), under a lock of the parent's row, so two
 * instances (a leader change) or two ticks never both move one parent or both plan one slice.
 */
public final class JdbcParentOrderStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "parent_order_id, client_order_id, account, strategy_id, symbol, side, "
            + "order_type, exchange, quantity, price, algorithm, start_at, end_at, slices, target_share, "
            + "max_child_quantity, state, last_slot, market_volume_base, created_at, updated_at";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcParentOrderStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The parent the intent made, or the one its client order id made before ({@code created} false). */
    public CreateResult create(ParentIntent intent) {
        UUID id = UUID.randomUUID();
        return inTransaction(c -> {
            Instant now = clock.instant();
            ParentAlgorithm a = intent.algorithm();
            try (PreparedStatement ps = c.prepareStatement("insert into parent_orders (" + COLUMNS + ") values "
                    + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,null,?,?) "
                    + "on conflict (strategy_id, client_order_id) do nothing")) {
                ps.setObject(1, id);
                ps.setString(2, intent.clientOrderId());
                ps.setString(3, intent.account());
                ps.setString(4, intent.strategyId());
                ps.setString(5, intent.symbol());
                ps.setString(6, intent.side().name());
                ps.setString(7, intent.orderType().code());
                ps.setString(8, intent.exchange().name());
                ps.setLong(9, intent.quantity());
                ps.setBigDecimal(10, intent.price());
                ps.setString(11, a.kind().name());
                ps.setTimestamp(12, Timestamp.from(a.start()));
                ps.setTimestamp(13, Timestamp.from(a.end()));
                ps.setInt(14, a.slices());
                ps.setBigDecimal(15, a.targetShare());
                ps.setLong(16, a.maxChildQuantity());
                ps.setString(17, ParentState.ACCEPTED.name());
                ps.setTimestamp(18, Timestamp.from(now));
                ps.setTimestamp(19, Timestamp.from(now));
                if (ps.executeUpdate() == 1) {
                    appendEvent(c, id, ParentEvent.ACCEPT, null, ParentState.ACCEPTED, "accepted", Map.of(
                            "algorithm", a.kind().wireName(), "quantity", intent.quantity(),
                            "start", a.start().toString(), "end", a.end().toString()), now);
                    return new CreateResult(byId(c, id, false).orElseThrow(), true);
                }
            }
            return new CreateResult(byClientOrderId(c, intent.strategyId(), intent.clientOrderId()).orElseThrow(), false);
        });
    }

    public Optional<ParentOrder> byId(UUID id) {
        return inTransaction(c -> byId(c, id, false));
    }

    public Optional<ParentOrder> byClientOrderId(String strategyId, String clientOrderId) {
        return inTransaction(c -> byClientOrderId(c, strategyId, clientOrderId));
    }

    /** Parents not yet DONE, CANCELLED or FAILED, oldest first. */
    public List<ParentOrder> active() {
        return inTransaction(c -> {
            List<ParentOrder> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from parent_orders where state not in "
                    + "('DONE','CANCELLED','FAILED') order by created_at")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Moves the parent by the event, if its state allows it now (it is read under lock: another instance may have
     * moved it since the caller read it).
     *
     * @return the parent after the move, or empty when its state (now) does not take the event
     */
    public Optional<ParentOrder> transition(UUID id, ParentEvent event, String cause, Map<String, Object> detail) {
        return inTransaction(c -> {
            ParentOrder p = byId(c, id, true).orElseThrow(() -> new OrderStoreException("no parent order " + id, null));
            Optional<ParentState> next = ParentStateMachine.next(p.state(), event);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(
                    "update parent_orders set state = ?, updated_at = ? where parent_order_id = ?")) {
                ps.setString(1, next.get().name());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setObject(3, id);
                ps.executeUpdate();
            }
            appendEvent(c, id, event, p.state(), next.get(), cause, detail, now);
            return byId(c, id, false);
        });
    }

    /**
     * Records the plan's child before it is sent (the next slice number, under the parent's lock) and the slot it
     * was planned for, unless the parent moved on meanwhile (another instance planned the slot, or it stopped).
     *
     * @return the child to send, or empty when the plan no longer holds
     */
    public Optional<ChildOrder> recordChild(ParentOrder planned, SlicePlan plan) {
        return inTransaction(c -> {
            ParentOrder p = byId(c, planned.parentOrderId(), true).orElseThrow();
            if (p.lastSlot() != planned.lastSlot() || p.state() != ParentState.WORKING) {
                return Optional.empty();
            }
            int sliceNo;
            try (PreparedStatement ps = c.prepareStatement(
                    "select coalesce(max(slice_no), 0) + 1 from parent_order_children where parent_order_id = ?")) {
                ps.setObject(1, p.parentOrderId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sliceNo = rs.getInt(1);
                }
            }
            Instant now = clock.instant();
            String client = p.childClientOrderId(sliceNo);
            try (PreparedStatement ps = c.prepareStatement("insert into parent_order_children (parent_order_id, "
                    + "slice_no, strategy_id, client_order_id, quantity, recorded_at) values (?,?,?,?,?,?)")) {
                ps.setObject(1, p.parentOrderId());
                ps.setInt(2, sliceNo);
                ps.setString(3, p.strategyId());
                ps.setString(4, client);
                ps.setLong(5, plan.quantity());
                ps.setTimestamp(6, Timestamp.from(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update parent_orders set last_slot = ?, updated_at = ? where parent_order_id = ?")) {
                ps.setInt(1, plan.slot());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setObject(3, p.parentOrderId());
                ps.executeUpdate();
            }
            return Optional.of(new ChildOrder(sliceNo, client, plan.quantity(), now, null, 0, null, plan.quantity()));
        });
    }

    /** The parent's children with their orders' states and fills, by slice. */
    public List<ChildOrder> children(UUID parentId) {
        return inTransaction(c -> {
            List<ChildOrder> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select ch.slice_no, ch.client_order_id, ch.quantity, "
                    + "ch.recorded_at, o.state, o.filled_quantity, o.avg_fill_price, o.quantity from "
                    + "parent_order_children ch left join orders o on o.strategy_id = ch.strategy_id "
                    + "and o.client_order_id = ch.client_order_id where ch.parent_order_id = ? order by ch.slice_no")) {
                ps.setObject(1, parentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String state = rs.getString(5);
                        long filled = rs.getLong(6);
                        long orderQuantity = rs.getLong(8);
                        out.add(new ChildOrder(rs.getInt(1), rs.getString(2), rs.getLong(3),
                                rs.getTimestamp(4).toInstant(), state == null ? null : OrderState.valueOf(state), filled,
                                rs.getBigDecimal(7), state == null ? rs.getLong(3) : Math.max(0, orderQuantity - filled)));
                    }
                }
            }
            return out;
        });
    }

    /** POV: the market's cumulative volume when the parent started, kept once (the first figure seen wins). */
    public void baseMarketVolume(UUID parentId, long cumulative) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update parent_orders set market_volume_base = ? "
                    + "where parent_order_id = ? and market_volume_base is null")) {
                ps.setLong(1, cumulative);
                ps.setObject(2, parentId);
                return ps.executeUpdate();
            }
        });
    }

    /** Events not yet on kis.order.events, oldest first. */
    public List<ParentEventRecord> unpublishedEvents(int limit) {
        return inTransaction(c -> {
            List<ParentEventRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select e.event_id, e.parent_order_id, e.seq, e.event_type, "
                    + "e.from_state, e.to_state, e.cause, e.detail::text, e.occurred_at, p.client_order_id, p.account, "
                    + "p.strategy_id, p.symbol, p.side, p.algorithm from parent_order_events e join parent_orders p "
                    + "on p.parent_order_id = e.parent_order_id where e.published_at is null order by e.event_id limit ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ParentEventRecord(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11), rs.getString(12),
                                rs.getString(13), rs.getString(14), AlgorithmKind.valueOf(rs.getString(15))));
                    }
                }
            }
            return out;
        });
    }

    public void markPublished(List<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update parent_order_events set published_at = ? "
                    + "where event_id = any (?) and published_at is null")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setArray(2, c.createArrayOf("bigint", eventIds.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /** The parent's transitions, in order: {@code FROM -(EVENT)-> TO}. */
    public List<String> history(UUID parentId) {
        return inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select from_state, event_type, to_state from "
                    + "parent_order_events where parent_order_id = ? order by seq")) {
                ps.setObject(1, parentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + " -(" + rs.getString(2) + ")-> " + rs.getString(3));
                    }
                }
            }
            return out;
        });
    }

    private static void appendEvent(Connection c, UUID id, ParentEvent event, ParentState from, ParentState to,
                                    String cause, Map<String, Object> detail, Instant at) throws SQLException {
        String json;
        try {
            json = JSON.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new SQLException("parent event detail is not JSON: " + e.getOriginalMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement("insert into parent_order_events (parent_order_id, seq, "
                + "event_type, from_state, to_state, cause, detail, occurred_at) values (?, (select coalesce(max(seq), 0) "
                + "+ 1 from parent_order_events where parent_order_id = ?), ?, ?, ?, ?, ?::jsonb, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, id);
            ps.setString(3, event.name());
            if (from == null) {
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(4, from.name());
            }
            ps.setString(5, to.name());
            ps.setString(6, cause);
            ps.setString(7, json);
            ps.setTimestamp(8, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    private static Optional<ParentOrder> byId(Connection c, UUID id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from parent_orders where parent_order_id = ?"
                + (lock ? " for update" : ""))) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<ParentOrder> byClientOrderId(Connection c, String strategyId, String clientOrderId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from parent_orders where strategy_id = ? "
                + "and client_order_id = ?")) {
            ps.setString(1, strategyId);
            ps.setString(2, clientOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static ParentOrder row(ResultSet rs) throws SQLException {
        ParentAlgorithm algorithm = new ParentAlgorithm(AlgorithmKind.valueOf(rs.getString(11)),
                rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant(), rs.getInt(14), rs.getBigDecimal(15),
                rs.getLong(16));
        long base = rs.getLong(19);
        Long volumeBase = rs.wasNull() ? null : base;
        BigDecimal price = rs.getBigDecimal(10);
        return new ParentOrder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), Side.valueOf(rs.getString(6)), OrderType.ofCode(rs.getString(7)).orElseThrow(),
                Exchange.valueOf(rs.getString(8)), rs.getLong(9), price == null ? null : price.stripTrailingZeros(),
                algorithm, ParentState.valueOf(rs.getString(17)), rs.getInt(18), volumeBase,
                rs.getTimestamp(20).toInstant(), rs.getTimestamp(21).toInstant());
    }

    private <T> T inTransaction(JdbcTransaction.Work<T> work) {
        return JdbcTransaction.run(dataSource, work,
                e -> new OrderStoreException("parent order store: " + e.getMessage(), e));
    }

    /** @param created false when the client order id had made this parent before */
    public record CreateResult(ParentOrder parent, boolean created) {
    }
}
