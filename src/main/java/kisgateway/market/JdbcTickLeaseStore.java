package kisgateway.market;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The strategies' tick leases in PostgreSQL ({@code tick_leases}), where a new KIS leader finds them. Written by the
 * leader as it grants, renews, releases and expires them.
 */
public final class JdbcTickLeaseStore {

    private final DataSource dataSource;

    public JdbcTickLeaseStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void grant(String subscriber, Collection<String> symbols, Instant until) {
        run("recording tick leases", c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into tick_leases (subscriber, symbol, expires_at) "
                    + "values (?, ?, ?) on conflict (subscriber, symbol) do update set expires_at = "
                    + "greatest(tick_leases.expires_at, excluded.expires_at)")) {
                for (String symbol : symbols) {
                    ps.setString(1, subscriber);
                    ps.setString(2, symbol);
                    ps.setTimestamp(3, Timestamp.from(until));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    public void release(String subscriber, Collection<String> symbols) {
        run("deleting tick leases", c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from tick_leases where subscriber = ? and symbol = ?")) {
                for (String symbol : symbols) {
                    ps.setString(1, subscriber);
                    ps.setString(2, symbol);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Deletes the leases that ran out by {@code now}. */
    public void expire(Instant now) {
        run("deleting expired tick leases", c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from tick_leases where expires_at <= ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.executeUpdate();
            }
        });
    }

    /** The leases still good at {@code now}. */
    public List<TickLease> unexpired(Instant now) {
        List<TickLease> leases = new ArrayList<>();
        run("reading tick leases", c -> {
            try (PreparedStatement ps = c.prepareStatement("select subscriber, symbol, expires_at from tick_leases "
                    + "where expires_at > ? order by subscriber, symbol")) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        leases.add(new TickLease(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                    }
                }
            }
        });
        return leases;
    }

    private interface Work {
        void on(Connection c) throws SQLException;
    }

    private void run(String what, Work work) {
        try (Connection c = dataSource.getConnection()) {
            work.on(c);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getSQLState(), e);
        }
    }
}
