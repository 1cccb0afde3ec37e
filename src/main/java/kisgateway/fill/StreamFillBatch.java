package kisgateway.fill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderChange;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderRecord;
import kisgateway.order.Transition;

/**
 * Records a run of stream fills inside one transaction with as few round trips as the work allows: the orders of
 * all their numbers are found and locked in one query, the fill rows go in one JDBC batch, each position touched
 * is read and written once, and only the order transitions (one event per fill, by the state machine) go one by
 * one. What it decides is the same as for a single fill: a duplicate tuple or an overfill is held back as a
 * suspect, a fill without a known order waits parked.
 */
final class StreamFillBatch {

    private final JdbcOrderStore orders;
    private final Map<String, UUID> orderIds;
    private final Instant receivedAt;

    StreamFillBatch(JdbcOrderStore orders, Map<String, UUID> orderIds, Instant receivedAt) {
        this.orders = orders;
        this.orderIds = orderIds;
        this.receivedAt = receivedAt;
    }

    List<FillOutcome> record(Connection c, List<FillBook.StreamFill> fills) throws SQLException {
        Map<String, UUID> owners = resolveOrders(c, fills);
        Map<UUID, long[]> filledAndQuantity = lockOrders(c, owners.values());

        List<FillOutcome> outcomes = new ArrayList<>(fills.size());
        List<Integer> toInsert = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> tuples = new ArrayList<>();
        for (int i = 0; i < fills.size(); i++) {
            FillBook.StreamFill f = fills.get(i);
            String tuple = FillIds.tupleKey(f.account(), f.kisOrderNo(), f.occurredAt(), f.price(), f.quantity());
            UUID owner = owners.get(key(f.account(), f.kisOrderNo()));
            if (owner != null) {
                long[] fq = filledAndQuantity.get(owner);
                if (fq[0] + f.quantity() > fq[1]) {
                    outcomes.add(new FillOutcome.Suspect(f.account(), f.kisOrderNo(), "would fill " + (fq[0] + f.quantity())
                            + " of " + fq[1]));
                    ids.add(null);
                    tuples.add(tuple);
                    continue;
                }
                fq[0] += f.quantity();
            }
            outcomes.add(null);
            toInsert.add(i);
            ids.add(FillIds.streamFill(tuple, 0));
            tuples.add(tuple);
        }
        int[] inserted = insert(c, fills, toInsert, ids, tuples, owners);

        Map<String, PositionMove> positions = new LinkedHashMap<>();
        List<Integer> applied = new ArrayList<>();
        for (int k = 0; k < toInsert.size(); k++) {
            int i = toInsert.get(k);
            FillBook.StreamFill f = fills.get(i);
            if (inserted[k] == 0) {
                // the id is the notice's tuple: a duplicate frame, or a second genuine fill with the same time,
                // price and quantity; only KIS's cumulative quantity can tell, so the order is backfilled
                outcomes.set(i, new FillOutcome.Suspect(f.account(), f.kisOrderNo(),
                        "same order, time, price and quantity as a stored fill"));
                UUID owner = owners.get(key(f.account(), f.kisOrderNo()));
                if (owner != null) {
                    filledAndQuantity.get(owner)[0] -= f.quantity();
                }
                continue;
            }
            positions.computeIfAbsent(f.account() + "|" + f.symbol(), x -> new PositionMove(f.account(), f.symbol()))
                    .add(f);
            applied.add(i);
        }
        for (PositionMove move : positions.values()) {
            move.apply(c);
        }
        List<Object[]> cumulative = new ArrayList<>();
        for (int i : applied) {
            FillBook.StreamFill f = fills.get(i);
            UUID owner = owners.get(key(f.account(), f.kisOrderNo()));
            if (owner == null) {
                outcomes.set(i, new FillOutcome.Recorded(ids.get(i), true, 0, message(f, ids.get(i), null, 0)));
                continue;
            }
            Transition t = orders.transition(c, owner, OrderEventType.PARTIAL_FILL, OrderChange.because("fill stream")
                    .fill(f.quantity(), f.price()).detail("fillId", ids.get(i)));
            cumulative.add(new Object[] {t.order().filledQuantity(), ids.get(i)});
            outcomes.set(i, new FillOutcome.Recorded(ids.get(i), false, t.order().filledQuantity(),
                    message(f, ids.get(i), t.order(), t.order().filledQuantity())));
        }
        if (!cumulative.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("update fills set cumulative_quantity = ? where fill_id = ?")) {
                for (Object[] row : cumulative) {
                    ps.setLong(1, (Long) row[0]);
                    ps.setString(2, (String) row[1]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return outcomes;
    }

    private static FillMessage message(FillBook.StreamFill f, String fillId, OrderRecord order, long cumulative) {
        return FillMessage.of(fillId, f.account(), f.kisOrderNo(), f.symbol(), f.side().name(), f.quantity(), f.price(),
                f.occurredAt(), cumulative, FillSource.STREAM.name(), order == null ? null : order.orderId(),
                order == null ? null : order.clientOrderId(), order == null ? null : order.quantity());
    }

    private int[] insert(Connection c, List<FillBook.StreamFill> fills, List<Integer> toInsert, List<String> ids,
                         List<String> tuples, Map<String, UUID> owners) throws SQLException {
        if (toInsert.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement("insert into fills (fill_id, order_id, account, kis_order_no, "
                + "symbol, side, quantity, price, occurred_at, cumulative_quantity, source, received_at, tuple_key) "
                + "values (?,?,?,?,?,?,?,?,?,0,'STREAM',?,?) on conflict (fill_id) do nothing")) {
            Timestamp received = Timestamp.from(receivedAt);
            for (int i : toInsert) {
                FillBook.StreamFill f = fills.get(i);
                ps.setString(1, ids.get(i));
                ps.setObject(2, owners.get(key(f.account(), f.kisOrderNo())));
                ps.setString(3, f.account());
                ps.setString(4, f.kisOrderNo());
                ps.setString(5, f.symbol());
                ps.setString(6, f.side().name());
                ps.setLong(7, f.quantity());
                ps.setBigDecimal(8, f.price());
                ps.setTimestamp(9, Timestamp.from(f.occurredAt()));
                ps.setTimestamp(10, received);
                ps.setString(11, tuples.get(i));
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** The order of every number in the batch: remembered ones, the rest in one query. */
    private Map<String, UUID> resolveOrders(Connection c, List<FillBook.StreamFill> fills) throws SQLException {
        Map<String, UUID> owners = new HashMap<>();
        Map<String, List<String>> unknownByAccount = new HashMap<>();
        for (FillBook.StreamFill f : fills) {
            String key = key(f.account(), f.kisOrderNo());
            UUID known = orderIds.get(key);
            if (known != null) {
                owners.put(key, known);
            } else {
                unknownByAccount.computeIfAbsent(f.account(), a -> new ArrayList<>()).add(f.kisOrderNo());
            }
        }
        for (Map.Entry<String, List<String>> e : unknownByAccount.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("select kis_order_no, order_id from order_broker_numbers "
                    + "where account = ? and kis_order_no = any (?)")) {
                ps.setString(1, e.getKey());
                ps.setArray(2, c.createArrayOf("text", e.getValue().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = key(e.getKey(), rs.getString(1));
                        UUID id = rs.getObject(2, UUID.class);
                        owners.put(key, id);
                        orderIds.putIfAbsent(key, id);
                    }
                }
            }
        }
        return owners;
    }

    /** Locks the orders in a stable order (no deadlock between batches) and reads filled and ordered quantity. */
    private static Map<UUID, long[]> lockOrders(Connection c, java.util.Collection<UUID> ids) throws SQLException {
        Map<UUID, long[]> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("select order_id, filled_quantity, quantity from orders "
                + "where order_id = any (?) order by order_id for update")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.stream().distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        return out;
    }

    private static String key(String account, String kisOrderNo) {
        return account + "|" + kisOrderNo;
    }
}
