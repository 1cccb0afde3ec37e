package kisgateway.risk.rollout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The ramp's gate inputs from the books: {@code recon_breaks} (open: not resolved), the drills, and {@code orders}
 * (the gateway's own, not shadow ones, that KIS answered: acknowledged, filled, cancelled or rejected).
 */
public final class JdbcRampInputs implements RampInputs {

    private final DataSource dataSource;
    private final KillSwitchDrills drills;

    public JdbcRampInputs(DataSource dataSource, KillSwitchDrills drills) {
        this.dataSource = dataSource;
        this.drills = drills;
    }

    @Override
    public Optional<Instant> oldestOpenBreak(String account) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select min(opened_at) from recon_breaks where account = ? and resolved_at is null")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return Optional.ofNullable(t).map(Timestamp::toInstant);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("open breaks of " + account + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Instant> lastPassedDrill(String account) {
        return drills.lastPassed(account);
    }

    @Override
    public Rejects rejects(String account, Instant since, Instant until) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select count(*) filter (where state = 'REJECTED'),
                       count(*) filter (where state not in ('DENIED', 'EXPIRED', 'INTENT_CREATED', 'SUBMITTED',
                                                            'RECONCILE_REQUIRED', 'SHADOWED'))
                from orders where account = ? and origin = 'GATEWAY' and not shadow
                  and created_at >= ? and created_at < ?""")) {
            ps.setString(1, account);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.setTimestamp(3, Timestamp.from(until));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Rejects(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rejects of " + account + " could not be read: " + e.getMessage(), e);
        }
    }
}
