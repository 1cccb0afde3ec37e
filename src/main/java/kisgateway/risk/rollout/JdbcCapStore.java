package kisgateway.risk.rollout;

import static kisgateway.risk.rollout.AuditedTransactions.audit;
import static kisgateway.risk.rollout.AuditedTransactions.scopeDetail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * PILOT caps in {@code rollout_caps}, waiting raises in {@code rollout_pending_changes} (kind CAP), every change
 * audited in {@code audit_log} (actions ROLLOUT_CAP_*) in its transaction, under the same row locks as the phases.
 */
public final class JdbcCapStore {

    public static final String CAP_CONFIGURED = "ROLLOUT_CAP_CONFIGURED";
    public static final String CAP_CHANGED = "ROLLOUT_CAP_CHANGED";
    public static final String RAISE_REQUESTED = "ROLLOUT_CAP_RAISE_REQUESTED";
    public static final String RAISE_WITHDRAWN = "ROLLOUT_CAP_RAISE_WITHDRAWN";
    public static final String RAISE_SUPERSEDED = "ROLLOUT_CAP_RAISE_SUPERSEDED";

    private static final String PENDING_COLUMNS = "change_id, account, strategy_id, cap, from_value, to_value, reason,"
            + " requested_by, requested_at";

    private final AuditedTransactions db;

    public JdbcCapStore(DataSource dataSource) {
        this.db = new AuditedTransactions(dataSource);
    }

    public List<CapEntry> loadCaps() {
        return db.read("select account, strategy_id, cap, value, reason, changed_by, changed_at from rollout_caps",
                rs -> new CapEntry(new RolloutScope(rs.getString(1), rs.getString(2)), PilotCap.byKey(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
    }

    public List<PendingCapRaise> loadPending() {
        return db.read("select " + PENDING_COLUMNS + " from rollout_pending_changes where kind = 'CAP' order by change_id",
                JdbcCapStore::pending);
    }

    /** Writes the configured caps of scopes and caps without a row; a row already there wins. */
    public void seed(List<CapEntry> configured) {
        db.inTransaction(c -> {
            for (CapEntry e : configured) {
                try (PreparedStatement ps = c.prepareStatement("insert into rollout_caps (account, strategy_id, cap,"
                        + " value, reason, changed_by, changed_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                    bind(ps, e);
                    if (ps.executeUpdate() == 1) {
                        Map<String, Object> detail = scopeDetail(e.scope());
                        detail.put("cap", e.cap().key());
                        detail.put("to", e.value());
                        audit(c, e.changedAt(), e.changedBy(), CAP_CONFIGURED, detail);
                    }
                }
            }
            return null;
        });
    }

    /**
     * Sets a cap if it is still {@code expected} (null: the scope had none; else {@link RolloutConflict}), drops a
     * raise that waited for it, audits.
     */
    public void move(CapEntry entry, String expected, String requestedBy, String approvedBy,
                     Map<String, Object> evidence) {
        db.inTransaction(c -> {
            String current = lockCap(c, entry.scope(), entry.cap());
            if (!java.util.Objects.equals(current, expected)) {
                throw new RolloutConflict("cap " + entry.cap().key() + " of " + entry.scope() + " is " + current
                        + " now, not " + expected + ": read the caps again");
            }
            upsert(c, entry);
            Map<String, Object> detail = scopeDetail(entry.scope());
            detail.put("cap", entry.cap().key());
            detail.put("from", expected);
            detail.put("to", entry.value());
            detail.put("reason", entry.reason());
            detail.put("requestedBy", requestedBy);
            if (approvedBy != null) {
                detail.put("approvedBy", approvedBy);
            }
            detail.put("evidence", evidence);
            audit(c, entry.changedAt(), entry.changedBy(), CAP_CHANGED, detail);
            try (PreparedStatement ps = c.prepareStatement("delete from rollout_pending_changes where kind = 'CAP'"
                    + " and account = ? and strategy_id = ? and cap = ? returning change_id, to_value, requested_by")) {
                ps.setString(1, entry.scope().account());
                ps.setString(2, entry.scope().strategy());
                ps.setString(3, entry.cap().key());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> gone = scopeDetail(entry.scope());
                        gone.put("changeId", rs.getLong(1));
                        gone.put("cap", entry.cap().key());
                        gone.put("to", rs.getString(2));
                        gone.put("requestedBy", rs.getString(3));
                        gone.put("reason", "superseded by a change to " + entry.value());
                        audit(c, entry.changedAt(), entry.changedBy(), RAISE_SUPERSEDED, gone);
                    }
                }
            }
            return null;
        });
    }

    public PendingCapRaise propose(PendingCapRaise p, Map<String, Object> evidence) {
        return db.inTransaction(c -> {
            String current = lockCap(c, p.scope(), p.cap());
            if (!java.util.Objects.equals(current, p.from())) {
                throw new RolloutConflict("cap " + p.cap().key() + " of " + p.scope() + " is " + current + " now, not "
                        + p.from());
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("insert into rollout_pending_changes (account, strategy_id,"
                    + " kind, cap, from_value, to_value, reason, requested_by, requested_at)"
                    + " values (?, ?, 'CAP', ?, ?, ?, ?, ?, ?) on conflict do nothing", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, p.scope().account());
                ps.setString(2, p.scope().strategy());
                ps.setString(3, p.cap().key());
                ps.setString(4, p.from());
                ps.setString(5, p.to());
                ps.setString(6, p.reason());
                ps.setString(7, p.requestedBy());
                ps.setTimestamp(8, Timestamp.from(p.requestedAt()));
                if (ps.executeUpdate() == 0) {
                    throw new RolloutConflict("a raise of cap " + p.cap().key() + " of " + p.scope() + " already waits"
                            + " for approval: approve or withdraw it first (GET /api/admin/rollout)");
                }
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            Map<String, Object> detail = scopeDetail(p.scope());
            detail.put("changeId", id);
            detail.put("cap", p.cap().key());
            detail.put("from", p.from());
            detail.put("to", p.to());
            detail.put("reason", p.reason());
            detail.put("evidence", evidence);
            audit(c, p.requestedAt(), p.requestedBy(), RAISE_REQUESTED, detail);
            return p.withId(id);
        });
    }

    public PendingCapRaise withdraw(long id, String actor, String reason, Instant at) {
        return db.inTransaction(c -> {
            PendingCapRaise p = lockPending(c, id);
            PendingChangeRows.delete(c, id);
            Map<String, Object> detail = scopeDetail(p.scope());
            detail.put("changeId", id);
            detail.put("cap", p.cap().key());
            detail.put("to", p.to());
            detail.put("requestedBy", p.requestedBy());
            detail.put("reason", reason);
            audit(c, at, actor, RAISE_WITHDRAWN, detail);
            return p;
        });
    }

    public CapEntry approve(long id, String approver, String reason, Instant at, Map<String, Object> evidence) {
        return db.inTransaction(c -> {
            PendingCapRaise p = lockPending(c, id);
            if (p.requestedBy().equals(approver)) {
                throw new SecondOperatorRequired("four eyes: " + approver + " asked for this raise and may not approve"
                        + " it; another operator must");
            }
            String current = lockCap(c, p.scope(), p.cap());
            if (!java.util.Objects.equals(current, p.from())) {
                throw new RolloutConflict("cap " + p.cap().key() + " of " + p.scope() + " moved to " + current
                        + " since the raise was asked for: withdraw it and ask again");
            }
            CapEntry entry = new CapEntry(p.scope(), p.cap(), p.to(), p.reason(), approver, at);
            upsert(c, entry);
            PendingChangeRows.delete(c, id);
            Map<String, Object> detail = scopeDetail(p.scope());
            detail.put("changeId", id);
            detail.put("cap", p.cap().key());
            detail.put("from", p.from());
            detail.put("to", p.to());
            detail.put("reason", p.reason());
            detail.put("requestedBy", p.requestedBy());
            detail.put("approvedBy", approver);
            detail.put("approval", reason);
            detail.put("evidence", evidence);
            audit(c, at, approver, CAP_CHANGED, detail);
            return entry;
        });
    }

    private static PendingCapRaise lockPending(Connection c, long id) throws SQLException {
        return PendingChangeRows.lock(c, id, "CAP", PENDING_COLUMNS, JdbcCapStore::pending);
    }

    private static String lockCap(Connection c, RolloutScope scope, PilotCap cap) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select value from rollout_caps where account = ? and"
                + " strategy_id = ? and cap = ? for update")) {
            ps.setString(1, scope.account());
            ps.setString(2, scope.strategy());
            ps.setString(3, cap.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void upsert(Connection c, CapEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into rollout_caps (account, strategy_id, cap, value,"
                + " reason, changed_by, changed_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (account, strategy_id, cap)"
                + " do update set value = excluded.value, reason = excluded.reason, changed_by = excluded.changed_by,"
                + " changed_at = excluded.changed_at")) {
            bind(ps, e);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, CapEntry e) throws SQLException {
        ps.setString(1, e.scope().account());
        ps.setString(2, e.scope().strategy());
        ps.setString(3, e.cap().key());
        ps.setString(4, e.value());
        ps.setString(5, e.reason());
        ps.setString(6, e.changedBy());
        ps.setTimestamp(7, Timestamp.from(e.changedAt()));
    }

    private static PendingCapRaise pending(ResultSet rs) throws SQLException {
        return new PendingCapRaise(rs.getLong(1), new RolloutScope(rs.getString(2), rs.getString(3)),
                PilotCap.byKey(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getTimestamp(9).toInstant());
    }
}
