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

    private static final String WORKING = "('SUBMITTED','ACKED','PARTIAL_FILLED','CANCEL_PENDING','REPLACE_PENDING',"
            + "'RECONCILE_REQUIRED')";

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
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select order_id, symbol, side, price, quantity - filled_quantity "
                     + "from orders where account = ? and state in " + WORKING)) {
            ps.setString(1, account);
            List<WorkingOrder> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long remaining = rs.getLong(5);
                    if (remaining > 0) {
                        out.add(new WorkingOrder(rs.getString(1), rs.getString(2), Side.valueOf(rs.getString(3)),
                                rs.getBigDecimal(4), remaining));
                    }
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
        for (WorkingOrder w : workingOrders(account)) {
            if (w.side() == Side.BUY) {
                BigDecimal price = w.price() != null && w.price().signum() > 0 ? w.price() : prices.last(w.symbol()).orElse(null);
                if (price == null) {
                    return Optional.empty();
                }
                total = total.add(price.multiply(BigDecimal.valueOf(w.remainingQuantity())));
            }
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
