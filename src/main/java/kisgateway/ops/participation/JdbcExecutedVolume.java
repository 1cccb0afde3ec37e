package kisgateway.ops.participation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The gateway's executed quantity per strategy and account on a symbol in a time window, from the fills of its own
 * orders (an order placed outside the gateway is not its participation).
 */
public final class JdbcExecutedVolume {

    private final DataSource dataSource;

    public JdbcExecutedVolume(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<ParticipationJudge.Executed> between(String symbol, Instant from, Instant to) {
        List<ParticipationJudge.Executed> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select o.strategy_id, "
                + "f.account, sum(f.counted_quantity) from fills f join orders o on o.order_id = f.order_id where "
                + "f.symbol = ? and f.occurred_at >= ? and f.occurred_at < ? and f.counted_quantity > 0 and "
                + "o.origin = 'GATEWAY' group by o.strategy_id, f.account order by o.strategy_id, f.account")) {
            ps.setString(1, symbol);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ParticipationJudge.Executed(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading executed volume of " + symbol + " failed: " + e.getMessage(), e);
        }
        return out;
    }
}
