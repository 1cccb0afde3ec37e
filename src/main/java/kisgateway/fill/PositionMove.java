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
 * inferred fill move a position the same way. A late notice whose shares an inferred fill had already moved only
 * reprices them: from the inferred price to the notice's, in the average of the shares still held or, once they
 * are sold (or for a sell), in the day's realized P&L.
 */
final class PositionMove {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final String account;
    private final String symbol;
    private final List<Move> moves = new ArrayList<>();

    /** A fill of {@code quantity}, or shares moved before at {@code repricedFrom} now priced at {@code price}. */
    private record Move(Side side, long quantity, BigDecimal price, java.time.Instant occurredAt, BigDecimal repricedFrom) {
    }

    PositionMove(String account, String symbol) {
        this.account = account;
        this.symbol = symbol;
    }

    /** Fills are moved in the order they are added. */
    PositionMove add(FillBook.StreamFill fill) {
        return add(fill.side(), fill.quantity(), fill.price(), fill.occurredAt());
    }

    PositionMove add(Side side, long quantity, BigDecimal price, java.time.Instant occurredAt) {
        moves.add(new Move(side, quantity, price, occurredAt, null));
        return this;
    }

    /** Shares an inferred fill moved at {@code from}, which a late notice says were traded at {@code to}. */
    PositionMove reprice(Side side, long quantity, BigDecimal from, BigDecimal to, java.time.Instant occurredAt) {
        moves.add(new Move(side, quantity, to, occurredAt, from));
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
        for (Move f : moves) {
            LocalDate fillDay = f.occurredAt().atZone(KST).toLocalDate();
            if (!fillDay.equals(day)) {
                realized = BigDecimal.ZERO;
                day = fillDay;
            }
            if (f.repricedFrom() != null) {
                BigDecimal difference = f.price().subtract(f.repricedFrom()).multiply(BigDecimal.valueOf(f.quantity()));
                if (f.side() == Side.BUY && held > 0 && avg != null) {
                    avg = avg.add(difference.divide(BigDecimal.valueOf(held), 4, RoundingMode.HALF_EVEN));
                } else if (f.side() == Side.BUY) {
                    // the shares are gone: what they cost more was made less on their sale
                    realized = realized.subtract(difference);
                } else {
                    realized = realized.add(difference);
                }
                continue;
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
