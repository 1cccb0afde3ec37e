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
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderChange;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderRecord;
import kisgateway.order.Transition;

/**
 * Records a run of stream fills inside one transaction with as few round trips as the work allows: the orders of
 * all their numbers are found and locked in one query, the fill rows go in one statement, each position touched
 * is read and written once, and only the order transitions (one event per fill, by the state machine) go one by
 * one. What it decides is the same as for a single fill: a duplicate tuple or an overfill is held back as a
 * suspect, a fill without a known order waits parked.
 *
 * <p>A notice can arrive after a backfill or the reconciliation already inferred its shares from KIS's cumulative
 * quantity (a stream held back, a socket dropped). Such a notice takes its shares out of the inferred fills of its
 * order number, oldest first ({@link OpenInferredFills}): only what it does not find there moves the order and the
 * position; the shares it found are repriced from the inferred price to its own, and its message names what it
 * took ({@link FillCorrection}). The inferred fills are read after the locks that {@code FillBook.recordInferred}
 * takes too, so a notice and an inference of the same shares never both count them.
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
        lockUnownedNumbers(c, fills, owners);
        Map<UUID, long[]> filledAndQuantity = lockOrders(c, owners.values());
        Map<String, OpenInferredFills> inferred = openInferred(c, fills);
        Set<String> stored = inferred.isEmpty() ? Set.of() : storedIds(c, fills, inferred.keySet());

        List<FillOutcome> outcomes = new ArrayList<>(fills.size());
        List<Integer> toInsert = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> tuples = new ArrayList<>();
        List<List<OpenInferredFills.Take>> takes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fills.size(); i++) {
            FillBook.StreamFill f = fills.get(i);
            String tuple = FillIds.tupleKey(f.account(), f.kisOrderNo(), f.occurredAt(), f.price(), f.quantity());
            String id = FillIds.streamFill(tuple, 0);
            tuples.add(tuple);
            OpenInferredFills open = inferred.get(key(f.account(), f.kisOrderNo()));
            if (open != null && (stored.contains(id) || !seen.add(id))) {
                // known before it could take anything: a repeat must not take the shares of the notices after it
                outcomes.add(new FillOutcome.Suspect(f.account(), f.kisOrderNo(),
                        "same order, time, price and quantity as a stored fill"));
                ids.add(null);
                takes.add(List.of());
                continue;
            }
            List<OpenInferredFills.Take> take = open == null ? List.of() : open.plan(f.quantity());
            long added = f.quantity() - OpenInferredFills.taken(take);
            UUID owner = owners.get(key(f.account(), f.kisOrderNo()));
            if (owner != null) {
                long[] fq = filledAndQuantity.get(owner);
                if (fq[0] + added > fq[1]) {
                    outcomes.add(new FillOutcome.Suspect(f.account(), f.kisOrderNo(), "would fill " + (fq[0] + added)
                            + " of " + fq[1]));
                    ids.add(null);
                    takes.add(List.of());
                    continue;
                }
                fq[0] += added;
            }
            if (open != null) {
                open.take(take);
            }
            outcomes.add(null);
            toInsert.add(i);
            ids.add(id);
            takes.add(take);
        }
        int[] inserted = insert(c, fills, toInsert, ids, tuples, owners);

        Map<String, PositionMove> positions = new LinkedHashMap<>();
        List<Integer> applied = new ArrayList<>();
        List<Object[]> corrections = new ArrayList<>();
        for (int k = 0; k < toInsert.size(); k++) {
            int i = toInsert.get(k);
            FillBook.StreamFill f = fills.get(i);
            List<OpenInferredFills.Take> take = takes.get(i);
            if (inserted[k] == 0) {
                if (!take.isEmpty()) {
                    // the repeats of an order number with inferred fills were looked up under its locks
                    throw new IllegalStateException("fill " + ids.get(i) + " appeared while its order number was locked");
                }
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
            PositionMove move = positions.computeIfAbsent(f.account() + "|" + f.symbol(),
                    x -> new PositionMove(f.account(), f.symbol()));
            long added = f.quantity() - OpenInferredFills.taken(take);
            for (OpenInferredFills.Take t : take) {
                move.reprice(f.side(), t.quantity(), t.from().price(), f.price(), f.occurredAt());
                corrections.add(new Object[] {ids.get(i), t});
            }
            if (added > 0) {
                move.add(f.side(), added, f.price(), f.occurredAt());
            }
            applied.add(i);
        }
        for (PositionMove move : positions.values()) {
            move.apply(c);
        }
        recordCorrections(c, corrections);
        List<Object[]> cumulative = new ArrayList<>();
        for (int i : applied) {
            FillBook.StreamFill f = fills.get(i);
            UUID owner = owners.get(key(f.account(), f.kisOrderNo()));
            List<FillCorrection> corrected = takes.get(i).stream().map(OpenInferredFills.Take::correction).toList();
            if (owner == null) {
                outcomes.set(i, new FillOutcome.Recorded(ids.get(i), true, 0, message(f, ids.get(i), null, corrected)));
                continue;
            }
            long added = f.quantity() - OpenInferredFills.taken(takes.get(i));
            OrderRecord order;
            if (added > 0) {
                order = orders.transition(c, owner, OrderEventType.PARTIAL_FILL, OrderChange.because("fill stream")
                        .fill(added, f.price()).detail("fillId", ids.get(i))).order();
            } else {
                // its shares were counted when they were inferred: the order does not move
                order = JdbcOrderStore.byKisOrderNo(c, f.account(), f.kisOrderNo()).orElseThrow();
            }
            cumulative.add(new Object[] {order.filledQuantity(), ids.get(i)});
            outcomes.set(i, new FillOutcome.Recorded(ids.get(i), false, order.filledQuantity(),
                    message(f, ids.get(i), order, corrected)));
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

    /** The shares late notices took: the inferred fills count less, and each take is kept for its message. */
    private static void recordCorrections(Connection c, List<Object[]> corrections) throws SQLException {
        if (corrections.isEmpty()) {
            return;
        }
        try (PreparedStatement take = c.prepareStatement("insert into fill_corrections (fill_id, inferred_fill_id, "
                + "quantity, remaining) values (?,?,?,?)");
             PreparedStatement count = c.prepareStatement("update fills set counted_quantity = ? where fill_id = ? "
                     + "and counted_quantity = ?")) {
            for (Object[] row : corrections) {
                OpenInferredFills.Take t = (OpenInferredFills.Take) row[1];
                take.setString(1, (String) row[0]);
                take.setString(2, t.from().fillId());
                take.setLong(3, t.quantity());
                take.setLong(4, t.remaining());
                take.addBatch();
                count.setLong(1, t.remaining());
                count.setString(2, t.from().fillId());
                count.setLong(3, t.quantity() + t.remaining());
                count.addBatch();
            }
            take.executeBatch();
            for (int n : count.executeBatch()) {
                if (n != 1) {
                    throw new IllegalStateException("an inferred fill changed under its lock");
                }
            }
        }
    }

    /**
     * Order numbers no order of ours owns yet have no order row to lock: an advisory lock per number stands in
     * for it (taken before any order row, as {@code FillBook.recordInferred} does, so the two never deadlock).
     */
    private static void lockUnownedNumbers(Connection c, List<FillBook.StreamFill> fills, Map<String, UUID> owners)
            throws SQLException {
        java.util.TreeSet<Long> keys = new java.util.TreeSet<>();
        for (FillBook.StreamFill f : fills) {
            if (!owners.containsKey(key(f.account(), f.kisOrderNo()))) {
                keys.add(FillBook.orderNumberLock(f.account(), f.kisOrderNo()));
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        // one statement for the batch, the keys taken in the array's (sorted) order
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(k) from unnest(?::int8[]) as k")) {
            ps.setArray(1, c.createArrayOf("int8", keys.toArray()));
            ps.executeQuery().close();
        }
    }

    /** The inferred fills of the batch's order numbers that still count shares, oldest first; usually none. */
    private static Map<String, OpenInferredFills> openInferred(Connection c, List<FillBook.StreamFill> fills)
            throws SQLException {
        Map<String, java.util.Set<String>> numbersByAccount = new HashMap<>();
        for (FillBook.StreamFill f : fills) {
            numbersByAccount.computeIfAbsent(f.account(), a -> new HashSet<>()).add(f.kisOrderNo());
        }
        Map<String, OpenInferredFills> out = new HashMap<>();
        for (Map.Entry<String, java.util.Set<String>> e : numbersByAccount.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("select kis_order_no, fill_id, price, counted_quantity from fills "
                    + "where account = ? and kis_order_no = any (?) and source <> 'STREAM' and counted_quantity > 0 "
                    + "order by received_at, fill_id for update")) {
                ps.setString(1, e.getKey());
                ps.setArray(2, c.createArrayOf("text", e.getValue().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(key(e.getKey(), rs.getString(1)), k -> new OpenInferredFills())
                                .add(rs.getString(2), rs.getBigDecimal(3), rs.getLong(4));
                    }
                }
            }
        }
        return out;
    }

    /** Which of the batch's fills of these order numbers are stored already. */
    private static Set<String> storedIds(Connection c, List<FillBook.StreamFill> fills, Set<String> numbers)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        for (FillBook.StreamFill f : fills) {
            if (numbers.contains(key(f.account(), f.kisOrderNo()))) {
                ids.add(FillIds.streamFill(FillIds.tupleKey(f.account(), f.kisOrderNo(), f.occurredAt(), f.price(),
                        f.quantity()), 0));
            }
        }
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select fill_id from fills where fill_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** @param order the order as the fill left it, null without one */
    private static FillMessage message(FillBook.StreamFill f, String fillId, OrderRecord order,
                                       List<FillCorrection> corrections) {
        return FillMessage.recorded(fillId, f.account(), f.kisOrderNo(), f.symbol(), f.side(), f.quantity(), f.price(),
                f.occurredAt(), FillSource.STREAM, order, order == null ? 0 : order.filledQuantity(), corrections);
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
                + "symbol, side, quantity, counted_quantity, price, occurred_at, cumulative_quantity, source, received_at, "
                + "tuple_key) select r.fill_id, r.order_id::uuid, r.account, r.kis_order_no, r.symbol, r.side, r.quantity, "
                + "r.quantity, r.price::numeric, r.occurred_at::timestamptz, 0, 'STREAM', ?, r.tuple_key from unnest(?::text[], "
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
