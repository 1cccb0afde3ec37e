package kisgateway.risk.rollout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;

/** The ramps in {@code rollout_ramps}; a freeze and a demotion are audited by the caller's other stores. */
public final class JdbcRampStore {

    private final AuditedTransactions db;

    public JdbcRampStore(DataSource dataSource) {
        this.db = new AuditedTransactions(dataSource);
    }

    public List<RampState> loadAll() {
        return db.read("select account, entered_at, factor, clean_since, frozen, frozen_reason, evaluated_at"
                + " from rollout_ramps", rs -> new RampState(rs.getString(1), rs.getTimestamp(2).toInstant(),
                rs.getBigDecimal(3), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                rs.getBoolean(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
    }

    /** Writes the ramp, and audits a freeze or an end of one with its evidence. */
    public void save(RampState s, boolean frozeNow, boolean thawedNow, java.util.Map<String, Object> evidence) {
        db.inTransaction(c -> {
            upsert(c, s);
            if (frozeNow || thawedNow) {
                java.util.Map<String, Object> detail = AuditedTransactions.scopeDetail(RolloutScope.account(s.account()));
                detail.put("factor", s.factor().stripTrailingZeros().toPlainString());
                detail.put("reason", frozeNow ? s.frozenReason() : "every gate holds again");
                detail.put("evidence", evidence);
                AuditedTransactions.audit(c, s.evaluatedAt(), "rollout-ramp",
                        frozeNow ? "ROLLOUT_RAMP_FROZEN" : "ROLLOUT_RAMP_RESUMED", detail);
            }
            return null;
        });
    }

    private static void upsert(Connection c, RampState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into rollout_ramps (account, entered_at, factor, clean_since, frozen, frozen_reason, evaluated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (account) do update set entered_at = excluded.entered_at, factor = excluded.factor,
                    clean_since = excluded.clean_since, frozen = excluded.frozen,
                    frozen_reason = excluded.frozen_reason, evaluated_at = excluded.evaluated_at""")) {
            ps.setString(1, s.account());
            ps.setTimestamp(2, Timestamp.from(s.enteredAt()));
            ps.setBigDecimal(3, s.factor());
            ps.setTimestamp(4, s.cleanSince() == null ? null : Timestamp.from(s.cleanSince()));
            ps.setBoolean(5, s.frozen());
            ps.setString(6, s.frozenReason());
            ps.setTimestamp(7, Timestamp.from(s.evaluatedAt()));
            ps.executeUpdate();
        }
    }
}
