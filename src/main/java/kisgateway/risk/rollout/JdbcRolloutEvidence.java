package kisgateway.risk.rollout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The ramp gates' inputs for an account as the audit log shows them with every change: its reconciliation breaks
 * still open (how many, the oldest and its age), its last passed kill-switch drill, and its live orders KIS answered
 * within the reject window with how many it rejected. The same reads as the gates' ({@link RampInputs}).
 */
public final class JdbcRolloutEvidence implements RolloutEvidence {

    private final DataSource dataSource;
    private final RampInputs inputs;
    private final Duration rejectWindow;
    private final Clock clock;

    public JdbcRolloutEvidence(DataSource dataSource, RampInputs inputs, Duration rejectWindow, Clock clock) {
        this.dataSource = dataSource;
        this.inputs = inputs;
        this.rejectWindow = rejectWindow;
        this.clock = clock;
    }

    /** With the gates' reads from the books ({@link JdbcRampInputs}). */
    public JdbcRolloutEvidence(DataSource dataSource, KillSwitchDrills drills, Duration rejectWindow, Clock clock) {
        this(dataSource, new JdbcRampInputs(dataSource, drills), rejectWindow, clock);
    }

    @Override
    public Map<String, Object> of(String account) {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", now.toString());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from recon_breaks where account = ? and resolved_at is null")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.put("openBreaks", rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rollout evidence could not be read: " + e.getMessage(), e);
        }
        inputs.oldestOpenBreak(account).ifPresent(oldest -> {
            out.put("oldestOpenBreakAt", oldest.toString());
            out.put("oldestOpenBreakAgeSeconds", Duration.between(oldest, now).toSeconds());
        });
        RampInputs.Rejects r = inputs.rejects(account, now.minus(rejectWindow), now.plusNanos(1000));
        Map<String, Object> rejects = new LinkedHashMap<>();
        rejects.put("window", rejectWindow.toString());
        rejects.put("rejected", r.rejected());
        rejects.put("answered", r.answered());
        out.put("rejects", rejects);
        out.put("lastPassedDrillAt", inputs.lastPassedDrill(account).map(Instant::toString).orElse(null));
        return out;
    }
}
