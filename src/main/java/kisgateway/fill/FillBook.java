package kisgateway.fill;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderChange;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderStoreException;
import kisgateway.order.Side;
import kisgateway.order.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fills table and what a fill moves: in ONE transaction the fill row (unique deterministic id), its
 * order's transition (PARTIAL_FILLED / FILLED, via the state machine) and the account's position. The committed
 * rows are the outbox of kis.fills: a crash between commit and send loses nothing, the sweep reads what is not
 * marked published; the ingest publishes the messages its commit returned without reading them back.
 */
public final class FillBook {

    private static final Logger LOG = LoggerFactory.getLogger(FillBook.class);

    private final DataSource dataSource;
    private final JdbcOrderStore orders;
    private final Clock clock;
    private final java.util.Map<String, UUID> orderIds = new java.util.concurrent.ConcurrentHashMap<>();

    public FillBook(DataSource dataSource, JdbcOrderStore orders, Clock clock) {
        this.dataSource = dataSource;
        this.orders = orders;
        this.clock = clock;
    }

    /** The clock the book stamps its rows with. */
    public Clock clock() {
        return clock;
    }

    /** A fill from an execution notice. */
    public FillOutcome recordStream(String account, String kisOrderNo, String symbol, Side side, long quantity,
                                    BigDecimal price, Instant occurredAt) {
        return recordStream(List.of(new StreamFill(account, kisOrderNo, symbol, side, quantity, price, occurredAt))).get(0);
    }

    /**
     * Fills from consecutive notices, in ONE transaction (a burst of fills costs one commit, not one each). If the
     * batch fails as a whole, each fill is tried on its own so one bad row cannot hold the others back.
     */
    public List<FillOutcome> recordStream(List<StreamFill> batch) {
        try {
            return inTransaction(c -> new StreamFillBatch(orders, orderIds, clock.instant()).record(c, batch));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                throw e;
            }
            LOG.warn("fill batch of {} failed as a whole, recording one by one: {}", batch.size(), e.getMessage());
            List<FillOutcome> out = new ArrayList<>(batch.size());
            for (StreamFill f : batch) {
                out.add(inTransaction(c -> new StreamFillBatch(orders, orderIds, clock.instant()).record(c, List.of(f)).get(0)));
            }
            return out;
        }
    }

    /** One fill of an execution notice. */
    public record StreamFill(String account, String kisOrderNo, String symbol, Side side, long quantity, BigDecimal price,
                             Instant occurredAt) {
    }

    /**
     * A fill inferred from KIS's cumulative quantity for an order number (backfill or reconciliation).
     *
     * <p>What is missing is counted again under the order number's locks (the advisory lock of the number, then
     * its order's row, as a run of stream fills takes them): a notice recorded since the caller compared counts,
     * and the inferred fill shrinks by it or is not needed at all. So a notice and an inference never both count
     * the same shares, whichever comes first.
     *
     * @param quantity        what the caller found missing
     * @param cumulativeAfter the order number's cumulative filled quantity at KIS, which this fill reaches
     */
    public FillOutcome recordInferred(String account, String kisOrderNo, String symbol, Side side, long quantity,
                                      BigDecimal price, Instant occurredAt, long cumulativeAfter, FillSource source) {
        String fillId = FillIds.inferredFill(account, kisOrderNo, cumulativeAfter);
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                ps.setLong(1, orderNumberLock(account, kisOrderNo));
                ps.execute();
            }
            Optional<OrderRecord> order = JdbcOrderStore.byKisOrderNo(c, account, kisOrderNo);
            if (order.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("select 1 from orders where order_id = ? for update")) {
                    ps.setObject(1, order.get().orderId());
                    ps.executeQuery().close();
                }
            }
            long missing = Math.min(quantity, cumulativeAfter - counted(c, account, kisOrderNo).quantity());
            if (missing <= 0) {
                return new FillOutcome.AlreadyKnown(fillId);
            }
            if (missing < quantity) {
                LOG.info("inferred fill smaller than asked: the stream delivered part meanwhile fill={} odno={} asked={} "
                        + "missing={}", fillId, kisOrderNo, quantity, missing);
            }
            return store(c, fillId, null, order, account, kisOrderNo, symbol, side, missing, price, occurredAt, source);
        });
    }

    /** The advisory lock of an order number, held while what is counted for it is read and changed. */
    static long orderNumberLock(String account, String kisOrderNo) {
        // a stable 64-bit key from the number (Java's String.hashCode is specified, so every instance agrees)
        return ((long) account.hashCode() << 32) ^ (kisOrderNo.hashCode() & 0xffffffffL) ^ 0x4b49534e4fL;
    }

    private FillOutcome store(Connection c, String fillId, String tuple, Optional<OrderRecord> order, String account,
                              String kisOrderNo, String symbol, Side side, long quantity, BigDecimal price,
                              Instant occurredAt, FillSource source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into fills (fill_id, order_id, account, kis_order_no, "
                + "symbol, side, quantity, counted_quantity, price, occurred_at, cumulative_quantity, source, received_at, "
                + "tuple_key) values (?,?,?,?,?,?,?,?,?,?,0,?,?,?) on conflict (fill_id) do nothing")) {
            ps.setString(1, fillId);
            ps.setObject(2, order.map(OrderRecord::orderId).orElse(null));
            ps.setString(3, account);
            ps.setString(4, kisOrderNo);
            ps.setString(5, symbol);
            ps.setString(6, side.name());
            ps.setLong(7, quantity);
            ps.setLong(8, quantity);
            ps.setBigDecimal(9, price);
            ps.setTimestamp(10, Timestamp.from(occurredAt));
            ps.setString(11, source.name());
            ps.setTimestamp(12, Timestamp.from(clock.instant()));
            ps.setString(13, tuple);
            if (ps.executeUpdate() == 0) {
                return new FillOutcome.AlreadyKnown(fillId);
            }
        }
        new PositionMove(account, symbol)
                .add(new StreamFill(account, kisOrderNo, symbol, side, quantity, price, occurredAt)).apply(c);
        if (order.isEmpty()) {
            LOG.info("fill parked until its order is known fill={} account={} odno={} qty={} price={}", fillId, account,
                    kisOrderNo, quantity, price);
            return new FillOutcome.Recorded(fillId, true, 0, FillMessage.recorded(fillId, account, kisOrderNo, symbol,
                    side, quantity, price, occurredAt, source, null, 0));
        }
        long cumulative = applyToOrder(c, fillId, order.get().orderId(), quantity, price, source);
        return new FillOutcome.Recorded(fillId, false, cumulative, FillMessage.recorded(fillId, account, kisOrderNo, symbol,
                side, quantity, price, occurredAt, source, order.get(), cumulative));
    }

    private long applyToOrder(Connection c, String fillId, UUID orderId, long quantity, BigDecimal price,
                              FillSource source) throws SQLException {
        Transition t = orders.transition(c, orderId, OrderEventType.PARTIAL_FILL, OrderChange
                .because("fill " + source.name().toLowerCase(java.util.Locale.ROOT)).fill(quantity, price)
                .detail("fillId", fillId));
        long cumulative = t.order().filledQuantity();
        try (PreparedStatement ps = c.prepareStatement("update fills set order_id = ?, cumulative_quantity = ? where fill_id = ?")) {
            ps.setObject(1, orderId);
            ps.setLong(2, cumulative);
            ps.setString(3, fillId);
            ps.executeUpdate();
        }
        LOG.info("fill applied fill={} order={} qty={} price={} cumulative={} state={} source={}", fillId, orderId,
                quantity, price, cumulative, t.to(), source);
        return cumulative;
    }

    /** Applies the fills that waited for this order number, in the order they were received. */
    public int attachParked(String account, String kisOrderNo) {
        return inTransaction(c -> {
            Optional<OrderRecord> order = JdbcOrderStore.byKisOrderNo(c, account, kisOrderNo);
            if (order.isEmpty()) {
                return 0;
            }
            List<String[]> parked = new ArrayList<>();
            // what each counts now: a late notice that took shares from a parked inferred fill counts them instead
            try (PreparedStatement ps = c.prepareStatement("select fill_id, counted_quantity, price, source, "
                    + "published_at is not null from fills where account = ? and kis_order_no = ? and order_id is null "
                    + "order by received_at, fill_id for update")) {
                ps.setString(1, account);
                ps.setString(2, kisOrderNo);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        parked.add(new String[] {rs.getString(1), rs.getString(2), rs.getBigDecimal(3).toPlainString(),
                                rs.getString(4), Boolean.toString(rs.getBoolean(5))});
                    }
                }
            }
            if (!FillMessage.isExternal(order.get().origin())) {
                restate(c, parked.stream().filter(p -> Boolean.parseBoolean(p[4])).map(p -> p[0]).toList());
            }
            for (String[] p : parked) {
                long counted = Long.parseLong(p[1]);
                if (counted == 0) {
                    try (PreparedStatement ps = c.prepareStatement("update fills set order_id = ? where fill_id = ?")) {
                        ps.setObject(1, order.get().orderId());
                        ps.setString(2, p[0]);
                        ps.executeUpdate();
                    }
                    continue;
                }
                applyToOrder(c, p[0], order.get().orderId(), counted, new BigDecimal(p[2]), FillSource.valueOf(p[3]));
            }
            return parked.size();
        });
    }

    /**
     * Fills published as external that turn out to be an order of ours (its number recorded late, by the
     * reconciliation after a send was cut off): the outbox sends each again, as a restatement of the first
     * message with its order, under a duplicate id of its own.
     */
    private static void restate(Connection c, List<String> fillIds) throws SQLException {
        if (fillIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update fills set published_at = null, restated = restated + 1 "
                + "where fill_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", fillIds.toArray()));
            ps.executeUpdate();
        }
        LOG.warn("fills published as external belong to an order of ours: restating them on kis.fills fills={}", fillIds);
    }

    /**
     * After an order got its KIS number: the fills that beat the number to us join their order now.
     *
     * @return the order as it is after that
     */
    public OrderRecord attachTo(OrderRecord order) {
        if (order.kisOrderNo() == null || attachParked(order.account(), order.kisOrderNo()) == 0) {
            return order;
        }
        return orders.byId(order.orderId()).orElse(order);
    }

    /**
     * Tries every parked fill's order number again: closes the race where an order's number was committed
     * between a fill's look-up and its insert.
     */
    public int attachAllParked() {
        List<String[]> keys = inTransaction(c -> {
            List<String[]> out = new ArrayList<>();
            // only fills still waiting (not yet published as external): an order number that never shows up
            // must not be looked for again on every round
            try (PreparedStatement ps = c.prepareStatement("select distinct account, kis_order_no from fills "
                    + "where order_id is null and published_at is null")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            return out;
        });
        int attached = 0;
        for (String[] k : keys) {
            attached += attachParked(k[0], k[1]);
        }
        return attached;
    }

    /**
     * Quantity and value filled so far per order number, for the backfill's comparison with KIS: what each fill
     * counts (an inferred fill less what late notices took from it).
     */
    public Filled filled(String account, String kisOrderNo) {
        return inTransaction(c -> counted(c, account, kisOrderNo));
    }

    private static Filled counted(Connection c, String account, String kisOrderNo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(counted_quantity), 0), "
                + "coalesce(sum(counted_quantity * price), 0) from fills where account = ? and kis_order_no = ?")) {
            ps.setString(1, account);
            ps.setString(2, kisOrderNo);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Filled(rs.getLong(1), rs.getBigDecimal(2));
            }
        }
    }

    /**
     * Fills not yet on kis.fills: those of known orders, and parked ones once they waited the grace period and no
     * unsettled order of ours may still own them (or they waited {@code parkedMaxWaitMs} regardless): a send cut
     * off before its number was recorded is settled by the reconciliation, and its fill must reach its strategy
     * as its own, not as someone else's trade.
     */
    public List<FillMessage> unpublished(int limit, long parkedGraceMs, long parkedMaxWaitMs) {
        Instant now = clock.instant();
        // a single read: no transaction of its own (one round trip less on every relay round)
        try (Connection c = dataSource.getConnection()) {
            List<FillMessage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select f.fill_id, f.account, f.kis_order_no, f.symbol, f.side, "
                    + "f.quantity, f.price, f.occurred_at, f.cumulative_quantity, f.source, f.order_id, o.client_order_id, "
                    + "o.quantity, (select string_agg(fc.inferred_fill_id || ':' || fc.quantity || ':' || fc.remaining, ',' "
                    + "order by i.received_at, i.fill_id) from fill_corrections fc join fills i on i.fill_id = "
                    + "fc.inferred_fill_id where fc.fill_id = f.fill_id), o.origin, f.restated "
                    + "from fills f left join orders o on o.order_id = f.order_id where f.published_at is null "
                    + "and (f.order_id is not null or (f.received_at < ? and (f.received_at < ? or not exists ("
                    + "select 1 from orders u where u.account = f.account and u.symbol = f.symbol and u.side = f.side "
                    + "and u.state in ('SUBMITTED', 'RECONCILE_REQUIRED', 'REPLACE_PENDING'))))) "
                    + "order by f.received_at, f.fill_id limit ?")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(Duration.ofMillis(parkedGraceMs))));
                ps.setTimestamp(2, Timestamp.from(now.minus(Duration.ofMillis(Math.max(parkedGraceMs, parkedMaxWaitMs)))));
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long orderQuantity = rs.getLong(13);
                        boolean ours = !rs.wasNull() && !FillMessage.isExternal(rs.getString(15));
                        out.add(FillMessage.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6), rs.getBigDecimal(7), rs.getTimestamp(8).toInstant(),
                                rs.getLong(9), rs.getString(10), ours ? rs.getObject(11, UUID.class) : null,
                                ours ? rs.getString(12) : null, ours ? orderQuantity : null, corrections(rs.getString(14)),
                                rs.getInt(16)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new OrderStoreException("fill book: " + e.getMessage(), e);
        }
    }

    /** The corrections of a row as the sweep reads them: "inferred:quantity:remaining", comma separated. */
    private static List<FillCorrection> corrections(String aggregated) {
        if (aggregated == null) {
            return List.of();
        }
        List<FillCorrection> out = new ArrayList<>();
        for (String one : aggregated.split(",")) {
            String[] p = one.split(":");
            out.add(new FillCorrection(p[0], Long.parseLong(p[1]), Long.parseLong(p[2])));
        }
        return out;
    }

    /**
     * Marks a published batch in one statement, as on kis.fills since now. Its commit does not wait for the WAL
     * flush: a mark lost in a crash of the database only sends the batch again, which the broker drops by
     * duplicate id (persist-id-cache), while waiting for the flush would delay every next batch of fills.
     */
    public void markPublished(List<String> fillIds) {
        markPublishedAt(fillIds, java.util.Collections.nCopies(fillIds.size(), clock.instant()));
    }

    /** As {@link #markPublished(List)}, each fill with the time the broker took it. */
    public void markPublishedAt(List<String> fillIds, List<Instant> publishedAt) {
        if (fillIds.isEmpty()) {
            return;
        }
        inTransaction(c -> {
            try (var st = c.createStatement()) {
                st.execute("set local synchronous_commit to off");
            }
            // the times as ISO instants: no time zone of the JVM or the session comes into it
            try (PreparedStatement ps = c.prepareStatement("update fills f set published_at = m.at::timestamptz from "
                    + "unnest(?::text[], ?::text[]) as m(id, at) where f.fill_id = m.id and f.published_at is null")) {
                ps.setArray(1, c.createArrayOf("text", fillIds.toArray()));
                ps.setArray(2, c.createArrayOf("text", publishedAt.stream().map(Instant::toString).toArray()));
                return ps.executeUpdate();
            }
        });
    }

    public void markPublished(String fillId) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update fills set published_at = ? where fill_id = ? and published_at is null")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, fillId);
                return ps.executeUpdate();
            }
        });
    }

    private <T> T inTransaction(JdbcOrderStore.SqlWork<T> work) {
        return orders.inTransaction("fill book", work);
    }

    /** What is filled locally for one KIS order number. */
    public record Filled(long quantity, BigDecimal value) {
    }
}
