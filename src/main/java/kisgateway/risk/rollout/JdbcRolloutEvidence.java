package kisgateway.risk.rollout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The ramp gates' inputs for an account, read from the books: its reconciliation breaks still open (recon_breaks),
 * its last passed kill-switch drill, and its orders KIS answered within the reject window with how many it rejected.
 */
public final class JdbcRolloutEvidence implements RolloutEvidence {

    private final DataSource dataSource;
    private final KillSwitchDrills drills;
    private final Duration rejectWindow;
    private final Clock clock;

    public JdbcRolloutEvidence(DataSource dataSource, KillSwitchDrills drills, Duration rejectWindow, Clock clock) {
        this.dataSource = dataSource;
        this.drills = drills;
        this.rejectWindow = rejectWindow;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> of(String account) {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", now.toString());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*), min(opened_at) from recon_breaks where account = ? and resolved_at is null")) {
                ps.setString(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.put("openBreaks", rs.getLong(1));
                    Timestamp oldest = rs.getTimestamp(2);
                    if (oldest != null) {
                        out.put("oldestOpenBreakAt", oldest.toInstant().toString());
                        out.put("oldestOpenBreakAgeSeconds", Duration.between(oldest.toInstant(), now).toSeconds());
                    }
                }
            }
            // orders KIS answered (acknowledged or rejected); a local denial or a stale intent never reached it
            try (PreparedStatement ps = c.prepareStatement("""
                    select count(*) filter (where state = 'REJECTED'),
                           count(*) filter (where state not in ('DENIED', 'EXPIRED', 'INTENT_CREATED', 'SUBMITTED',
                                                                'RECONCILE_REQUIRED'))
                    from orders where account = ? and origin = 'GATEWAY' and not shadow and created_at >= ?""")) {
                ps.setString(1, account);
                ps.setTimestamp(2, Timestamp.from(now.minus(rejectWindow)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Map<String, Object> rejects = new LinkedHashMap<>();
                    rejects.put("window", rejectWindow.toString());
                    rejects.put("rejected", rs.getLong(1));
                    rejects.put("answered", rs.getLong(2));
                    out.put("rejects", rejects);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rollout evidence could not be read: " + e.getMessage(), e);
        }
        out.put("lastPassedDrillAt", drills.lastPassed(account).map(Instant::toString).orElse(null));
        return out;
    }
}
