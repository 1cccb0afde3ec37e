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
                outcomes.set(i, new FillOutcome.Recorded(ids.get(i), true, 0, message(f, ids.get(i), null)));
                continue;
            }
            Transition t = orders.transition(c, owner, OrderEventType.PARTIAL_FILL, OrderChange.because("fill stream")
                    .fill(f.quantity(), f.price()).detail("fillId", ids.get(i)));
            cumulative.add(new Object[] {t.order().filledQuantity(), ids.get(i)});
            outcomes.set(i, new FillOutcome.Recorded(ids.get(i), false, t.order().filledQuantity(),
                    message(f, ids.get(i), t.order())));
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

    /** @param order the order as the fill left it, null without one */
    private static FillMessage message(FillBook.StreamFill f, String fillId, OrderRecord order) {
        return FillMessage.recorded(fillId, f.account(), f.kisOrderNo(), f.symbol(), f.side(), f.quantity(), f.price(),
                f.occurredAt(), FillSource.STREAM, order, order == null ? 0 : order.filledQuantity());
    }

    /**
     * The rows in ONE statement (arrays unnested; a JDBC batch costs the database a statement per row), in the
     * batch's order.
     *
     * @return per row to insert, 1 when it was inserted, 0 when its id was there before (or earlier in the batch)
     */
    private int[] insert(Connection c, List<FillBook.StreamFill> fills, List<Integer> toInsert, List<String> ids,
                         List<String> tuples, Map<String, UUID> owners) throws SQLException {
        int n = toInsert.size();
        if (n == 0) {
            return new int[0];
        }
        String[] fillId = new String[n];
        String[] orderId = new String[n];
        String[] account = new String[n];
        String[] kisOrderNo = new String[n];
        String[] symbol = new String[n];
        String[] side = new String[n];
        Long[] quantity = new Long[n];
        String[] price = new String[n];
        String[] occurredAt = new String[n];
        String[] tuple = new String[n];
        for (int k = 0; k < n; k++) {
            int i = toInsert.get(k);
            FillBook.StreamFill f = fills.get(i);
            UUID owner = owners.get(key(f.account(), f.kisOrderNo()));
            fillId[k] = ids.get(i);
            orderId[k] = owner == null ? null : owner.toString();
            account[k] = f.account();
            kisOrderNo[k] = f.kisOrderNo();
            symbol[k] = f.symbol();
            side[k] = f.side().name();
            quantity[k] = f.quantity();
            price[k] = f.price().toPlainString();
            // ISO instants: no time zone of the JVM or the session comes into them
            occurredAt[k] = f.occurredAt().toString();
            tuple[k] = tuples.get(i);
        }
        java.util.Set<String> inserted = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("insert into fills (fill_id, order_id, account, kis_order_no, "
                + "symbol, side, quantity, price, occurred_at, cumulative_quantity, source, received_at, tuple_key) "
                + "select r.fill_id, r.order_id::uuid, r.account, r.kis_order_no, r.symbol, r.side, r.quantity, "
                + "r.price::numeric, r.occurred_at::timestamptz, 0, 'STREAM', ?, r.tuple_key from unnest(?::text[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[]) "
                + "with ordinality as r(fill_id, order_id, account, kis_order_no, symbol, side, quantity, price, "
                + "occurred_at, tuple_key, n) order by r.n on conflict (fill_id) do nothing returning fill_id")) {
            ps.setTimestamp(1, Timestamp.from(receivedAt));
            ps.setArray(2, c.createArrayOf("text", fillId));
            ps.setArray(3, c.createArrayOf("text", orderId));
            ps.setArray(4, c.createArrayOf("text", account));
            ps.setArray(5, c.createArrayOf("text", kisOrderNo));
            ps.setArray(6, c.createArrayOf("text", symbol));
            ps.setArray(7, c.createArrayOf("text", side));
            ps.setArray(8, c.createArrayOf("int8", quantity));
            ps.setArray(9, c.createArrayOf("text", price));
            ps.setArray(10, c.createArrayOf("text", occurredAt));
            ps.setArray(11, c.createArrayOf("text", tuple));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            // the same id twice in one batch (a frame repeated within it): the first one is the row
            out[k] = inserted.remove(fillId[k]) ? 1 : 0;
        }
        return out;
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
