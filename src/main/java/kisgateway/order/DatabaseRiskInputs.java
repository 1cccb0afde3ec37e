package kisgateway.order;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import kisgateway.risk.RiskInputs;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;

/**
 * What the risk gate needs to know, read from the gateway's own books: positions (moved by fills), working
 * orders (anything that may rest at KIS, RECONCILE_REQUIRED included: an order of unknown fate counts as live
 * risk) and the last prices. The gate asks each at most once per evaluation.
 */
public final class DatabaseRiskInputs implements RiskInputs {

    private static final String WORKING_OR_ABOUT_TO_BE = "('INTENT_CREATED','SUBMITTED','ACKED','PARTIAL_FILLED',"
            + "'CANCEL_PENDING','REPLACE_PENDING','RECONCILE_REQUIRED')";

    private final DataSource dataSource;
    private final MarketPrices prices;

    public DatabaseRiskInputs(DataSource dataSource, MarketPrices prices) {
        this.dataSource = dataSource;
        this.prices = prices;
    }

    @Override
    public long positionQuantity(String account, String symbol) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select quantity from positions where account = ? and symbol = ?")) {
            ps.setString(1, account);
            ps.setString(2, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new OrderStoreException("position of " + account + " " + symbol + " unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<WorkingOrder> workingOrders(String account) {
        return workingOrders(account, null);
    }

    /**
     * INTENT_CREATED counts: an order accepted a moment ago is screened, or about to be, on another consumer; two
     * orders screened at once thus see each other (each is stored before it is screened), and no limit can be
     * passed twice by orders that each fit alone.
     */
    @Override
    public List<WorkingOrder> workingOrders(String account, String screenedOrderRef) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select order_id, symbol, side, price, quantity - filled_quantity "
                     + "from orders where account = ? and state in " + WORKING_OR_ABOUT_TO_BE
                     + " and quantity > filled_quantity and order_id::text <> ?")) {
            ps.setString(1, account);
            ps.setString(2, screenedOrderRef == null ? "" : screenedOrderRef);
            List<WorkingOrder> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WorkingOrder(rs.getString(1), rs.getString(2), Side.valueOf(rs.getString(3)),
                            rs.getBigDecimal(4), rs.getLong(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new OrderStoreException("working orders of " + account + " unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<BigDecimal> lastPrice(String symbol) {
        return prices.last(symbol);
    }

    /** Realized today plus unrealized at the last prices; unknown if any held symbol has no price. */
    @Override
    public Optional<BigDecimal> dailyPnl(String account) {
        BigDecimal total = BigDecimal.ZERO;
        for (Holding h : holdings(account)) {
            total = total.add(h.realizedToday());
            if (h.quantity() != 0) {
                Optional<BigDecimal> last = prices.last(h.symbol());
                if (last.isEmpty() || h.avgPrice() == null) {
                    return Optional.empty();
                }
                total = total.add(last.get().subtract(h.avgPrice()).multiply(BigDecimal.valueOf(h.quantity())));
            }
        }
        return Optional.of(total);
    }

    @Override
    public Optional<BigDecimal> grossExposure(String account) {
        return grossExposure(account, null);
    }

    /** Priced working buys are summed by the database (a book of thousands of resting orders is one row). */
    @Override
    public Optional<BigDecimal> grossExposure(String account, String screenedOrderRef) {
        BigDecimal total = BigDecimal.ZERO;
        for (Holding h : holdings(account)) {
            if (h.quantity() != 0) {
                Optional<BigDecimal> last = prices.last(h.symbol());
                if (last.isEmpty()) {
                    return Optional.empty();
                }
                total = total.add(last.get().multiply(BigDecimal.valueOf(Math.abs(h.quantity()))));
            }
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select symbol, coalesce(price, 0) > 0, "
                     + "sum(coalesce(price, 0) * (quantity - filled_quantity)), sum(quantity - filled_quantity) "
                     + "from orders where account = ? and side = 'BUY' and state in " + WORKING_OR_ABOUT_TO_BE
                     + " and quantity > filled_quantity and order_id::text <> ? group by 1, 2")) {
            ps.setString(1, account);
            ps.setString(2, screenedOrderRef == null ? "" : screenedOrderRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        total = total.add(rs.getBigDecimal(3));
                        continue;
                    }
                    // market-type buys: their value is the last price's
                    Optional<BigDecimal> last = prices.last(rs.getString(1));
                    if (last.isEmpty()) {
                        return Optional.empty();
                    }
                    total = total.add(last.get().multiply(BigDecimal.valueOf(rs.getLong(4))));
                }
            }
        } catch (SQLException e) {
            throw new OrderStoreException("working buys of " + account + " unreadable: " + e.getMessage(), e);
        }
        return Optional.of(total);
    }

    private List<Holding> holdings(String account) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select symbol, quantity, avg_price, realized_pnl_today "
                     + "from positions where account = ?")) {
            ps.setString(1, account);
            List<Holding> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal realized = rs.getBigDecimal(4);
                    out.add(new Holding(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3),
                            realized == null ? BigDecimal.ZERO : realized));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new OrderStoreException("positions of " + account + " unreadable: " + e.getMessage(), e);
        }
    }

    private record Holding(String symbol, long quantity, BigDecimal avgPrice, BigDecimal realizedToday) {
    }
}
