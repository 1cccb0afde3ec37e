package kisgateway.fill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kisgateway.order.Side;

/**
 * The fills of one position (account, symbol), moved in order: the row read once under a lock, buys raising the
 * quantity at a new average price, sells lowering it and realizing (price - average) x quantity into the day's
 * P&L, which starts again at zero on a new trading date; the row written once. A run of stream fills and a single
 * inferred fill move a position the same way.
 */
final class PositionMove {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final String account;
    private final String symbol;
    private final List<FillBook.StreamFill> fills = new ArrayList<>();

    PositionMove(String account, String symbol) {
        this.account = account;
        this.symbol = symbol;
    }

    /** Fills are moved in the order they are added. */
    PositionMove add(FillBook.StreamFill fill) {
        fills.add(fill);
        return this;
    }

    void apply(Connection c) throws SQLException {
        long held = 0;
        BigDecimal avg = null;
        BigDecimal realized = BigDecimal.ZERO;
        LocalDate rowDay = null;
        try (PreparedStatement ps = c.prepareStatement("select quantity, avg_price, realized_pnl_today, trading_date "
                + "from positions where account = ? and symbol = ? for update")) {
            ps.setString(1, account);
            ps.setString(2, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    held = rs.getLong(1);
                    avg = rs.getBigDecimal(2);
                    realized = rs.getBigDecimal(3);
                    java.sql.Date d = rs.getDate(4);
                    rowDay = d == null ? null : d.toLocalDate();
                }
            }
        }
        LocalDate day = rowDay;
        for (FillBook.StreamFill f : fills) {
            LocalDate fillDay = f.occurredAt().atZone(KST).toLocalDate();
            if (!fillDay.equals(day)) {
                realized = BigDecimal.ZERO;
                day = fillDay;
            }
            if (f.side() == Side.BUY) {
                long after = held + f.quantity();
                avg = held <= 0 || avg == null ? f.price().setScale(4, RoundingMode.HALF_EVEN)
                        : avg.multiply(BigDecimal.valueOf(held)).add(f.price().multiply(BigDecimal.valueOf(f.quantity())))
                        .divide(BigDecimal.valueOf(after), 4, RoundingMode.HALF_EVEN);
                held = after;
            } else {
                if (avg != null) {
                    realized = realized.add(f.price().subtract(avg).multiply(BigDecimal.valueOf(f.quantity())));
                }
                held -= f.quantity();
                if (held == 0) {
                    avg = null;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into positions (account, symbol, quantity, avg_price, "
                + "realized_pnl_today, trading_date, updated_at) values (?,?,?,?,?,?,now()) on conflict (account, symbol) "
                + "do update set quantity = excluded.quantity, avg_price = excluded.avg_price, realized_pnl_today = "
                + "excluded.realized_pnl_today, trading_date = excluded.trading_date, updated_at = now()")) {
            ps.setString(1, account);
            ps.setString(2, symbol);
            ps.setLong(3, held);
            ps.setBigDecimal(4, avg);
            ps.setBigDecimal(5, realized);
            ps.setObject(6, day);
            ps.executeUpdate();
        }
    }
}
