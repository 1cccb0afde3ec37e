package kisgateway.order;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import kisgateway.risk.ConductHistory;
import kisgateway.risk.Exchange;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;

/**
 * What the pre-trade gate let through, read back from the order books of every instance for the rebuild of its
 * conduct windows ({@code PreTradeGate}), in one statement:
 * <ul>
 *   <li>new orders ({@code orders}, the gateway's own) at their create, except those DENIED (refused by the gate, or
 *       refused locally after it, and never sent) and those still INTENT_CREATED (not screened yet, or screened and
 *       stopped before sending: they are screened again when they go on, and counted then);</li>
 *   <li>cancels and revisions ({@code order_requests}: a row is written only for a request the gate allowed) with
 *       the quote each withdrew, except those REFUSED (not sent: the order could not be amended, or KIS's gateway
 *       turned the request away).</li>
 * </ul>
 * Both times are the gateway's clock's, the clock the gate judges its windows on (in sim mode the simulator's
 * session clock, hours from the database's {@code now()}), and so are the bounds asked for.
 */
public final class JdbcConductHistory implements ConductHistory.Source {

    /**
     * Rows oldest first: kind (NEW, CANCEL or REPLACE), the order, its account, the request's strategy, symbol,
     * side, order type and exchange, the time; for NEW the order's quantity and price, for a cancel or revision the
     * withdrawn quote's open quantity and price (null in rows from before they were kept) and a revision's new price.
     * Rows after {@code until} are left out too: a clock started again behind them (the simulator's session clock
     * opens at 09:00 at every start) would otherwise count them until it caught up.
     */
    private static final String ACCEPTED = "select 'NEW' as kind, order_id, account, strategy_id, symbol, side, "
            + "order_type, exchange, created_at as at, quantity, price, null::numeric as new_price from orders "
            + "where created_at > ? and created_at <= ? and origin = 'GATEWAY' "
            + "and state not in ('INTENT_CREATED', 'DENIED') "
            + "union all "
            + "select r.kind, o.order_id, o.account, r.strategy_id, o.symbol, o.side, o.order_type, o.exchange, "
            + "r.created_at, r.withdrawn_quantity, r.withdrawn_price, r.price from order_requests r "
            + "join orders o on o.order_id = r.order_id "
            + "where r.created_at > ? and r.created_at <= ? and r.state <> 'REFUSED' "
            + "order by at";

    private final DataSource dataSource;

    public JdbcConductHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ConductHistory acceptedBetween(Instant from, Instant until) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ACCEPTED)) {
            Timestamp after = Timestamp.from(from);
            Timestamp upTo = Timestamp.from(until);
            ps.setTimestamp(1, after);
            ps.setTimestamp(2, upTo);
            ps.setTimestamp(3, after);
            ps.setTimestamp(4, upTo);
            List<ConductHistory.Accepted> accepted = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accepted.add(new ConductHistory.Accepted(request(rs), rs.getTimestamp("at").toInstant()));
                }
            }
            return new ConductHistory(accepted);
        } catch (SQLException e) {
            throw new OrderStoreException("accepted requests since " + from + " unreadable: " + e.getMessage(), e);
        }
    }

    private static RiskOrder request(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        String orderRef = rs.getObject("order_id").toString();
        String account = rs.getString("account");
        String strategyId = rs.getString("strategy_id");
        String symbol = rs.getString("symbol");
        Side side = Side.valueOf(rs.getString("side"));
        String orderType = rs.getString("order_type");
        Exchange exchange = Exchange.valueOf(rs.getString("exchange"));
        Instant at = rs.getTimestamp("at").toInstant();
        long quantity = rs.getLong("quantity");
        BigDecimal price = rs.getBigDecimal("price");
        if (kind.equals("NEW")) {
            return RiskOrder.newOrder(orderRef, account, strategyId, symbol, side, quantity, price, orderType, exchange, at);
        }
        WorkingOrder withdrawn = new WorkingOrder(orderRef, symbol, side, price, quantity);
        if (kind.equals(IntentKind.CANCEL.name())) {
            return RiskOrder.cancel(orderRef, account, strategyId, withdrawn, exchange, at);
        }
        return RiskOrder.replace(orderRef, account, strategyId, withdrawn, quantity, rs.getBigDecimal("new_price"),
                orderType, exchange, at);
    }
}
