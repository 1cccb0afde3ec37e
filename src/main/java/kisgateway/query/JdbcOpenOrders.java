package kisgateway.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderStoreException;

/**
 * Pages of an account's open orders, keyset-paged on (created_at, order_id): a stable order however orders come
 * and go between pages. The page and the account's reconciliation mark come from one repeatable-read transaction,
 * so a break and the order it names are seen as of the same moment.
 */
public final class JdbcOpenOrders {

    private final DataSource dataSource;
    private final java.time.Clock clock;

    /** @param clock the gateway's clock, the one orders and reconciliation runs are stamped with */
    public JdbcOpenOrders(DataSource dataSource, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public OpenOrdersPage page(OpenOrdersRequest request) {
        StringBuilder sql = new StringBuilder("select * from orders where account = ? "
                + "and state = any (?) and quantity > filled_quantity");
        List<Object> args = new ArrayList<>();
        args.add(request.account());
        if (request.strategyId() != null) {
            sql.append(" and strategy_id = ?");
            args.add(request.strategyId());
        }
        if (request.symbol() != null) {
            sql.append(" and symbol = ?");
            args.add(request.symbol());
        }
        if (request.after() != null) {
            sql.append(" and (created_at, order_id) > (?, ?)");
            args.add(Timestamp.from(request.after().createdAt()));
            args.add(request.after().orderId());
        }
        // one more than asked: whether a next page exists, without counting
        sql.append(" order by created_at, order_id limit ?");
        args.add(request.limit() + 1);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                List<OrderRecord> rows = new ArrayList<>();
                java.time.Instant readAt = clock.instant();
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    ps.setString(1, (String) args.get(0));
                    ps.setArray(2, c.createArrayOf("text", request.states().stream().map(Enum::name).sorted().toArray()));
                    for (int i = 1; i < args.size(); i++) {
                        ps.setObject(i + 2, args.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(JdbcOrderStore.fromRow(rs));
                        }
                    }
                }
                ReconciliationMark mark = JdbcReconciliationMarks.read(c, request.account());
                c.commit();
                OrderCursor next = null;
                if (rows.size() > request.limit()) {
                    rows = rows.subList(0, request.limit());
                    OrderRecord last = rows.get(rows.size() - 1);
                    next = new OrderCursor(last.createdAt(), last.orderId());
                }
                return new OpenOrdersPage(rows, next, readAt, mark);
            } catch (SQLException | RuntimeException e) {
                rollBackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new OrderStoreException("reading open orders failed: " + e.getMessage(), e);
        }
    }

    /** The database's clock now (the clock of the columns it stamps itself: positions, fills received, days). */
    static java.time.Instant now(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select now()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    static void rollBackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailed) {
            // a broken connection rolls nothing back: the failure that broke it is the one to report
            cause.addSuppressed(rollbackFailed);
        }
    }
}
