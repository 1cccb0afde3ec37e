package kisgateway.risk.rollout;

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
 * Phases in {@code rollout_phases}, waiting promotions in {@code rollout_pending_changes}, every change audited in
 * {@code audit_log} (actions ROLLOUT_*) in the same transaction with the gate evidence of its moment. The phase row
 * is read under a row lock, so two instances moving one scope at once leave a truthful from/to trail, and a pending
 * promotion approved on two instances at once applies once.
 */
public final class JdbcRolloutStore implements RolloutStore {

    public static final String PHASE_CONFIGURED = "ROLLOUT_PHASE_CONFIGURED";
    public static final String PHASE_CHANGED = "ROLLOUT_PHASE_CHANGED";
    public static final String PROMOTION_REQUESTED = "ROLLOUT_PROMOTION_REQUESTED";
    public static final String PROMOTION_WITHDRAWN = "ROLLOUT_PROMOTION_WITHDRAWN";
    public static final String PROMOTION_SUPERSEDED = "ROLLOUT_PROMOTION_SUPERSEDED";

    private final AuditedTransactions db;

    public JdbcRolloutStore(DataSource dataSource) {
        this.db = new AuditedTransactions(dataSource);
    }

    @Override
    public List<PhaseEntry> loadPhases() {
        return db.read("select account, strategy_id, phase, reason, changed_by, changed_at from rollout_phases",
                rs -> new PhaseEntry(new RolloutScope(rs.getString(1), rs.getString(2)),
                        RolloutPhase.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant()));
    }

    @Override
    public List<PendingPromotion> loadPending() {
        return db.read("select change_id, account, strategy_id, from_value, to_value, reason, requested_by, requested_at"
                        + " from rollout_pending_changes where kind = 'PHASE' order by change_id",
                JdbcRolloutStore::pending);
    }

    @Override
    public void seed(List<PhaseEntry> configured) {
        db.inTransaction(c -> {
            for (PhaseEntry e : configured) {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into rollout_phases (account, strategy_id, phase, reason, changed_by, changed_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (account, strategy_id) do nothing""")) {
                    bindEntry(ps, e);
                    if (ps.executeUpdate() == 1) {
                        Map<String, Object> detail = AuditedTransactions.scopeDetail(e.scope());
                        detail.put("to", e.phase().name());
                        detail.put("reason", e.reason());
                        AuditedTransactions.audit(c, e.changedAt(), e.changedBy(), PHASE_CONFIGURED, detail);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void move(PhaseEntry entry, RolloutPhase expected, String requestedBy, String approvedBy,
                     Map<String, Object> evidence) {
        db.inTransaction(c -> {
            RolloutPhase current = lockPhase(c, entry.scope());
            if (current != expected) {
                throw new RolloutConflict(entry.scope() + " is in " + current + " now, not " + expected
                        + ": read the phases again");
            }
            upsert(c, entry);
            Map<String, Object> detail = AuditedTransactions.scopeDetail(entry.scope());
            detail.put("from", expected.name());
            detail.put("to", entry.phase().name());
            detail.put("reason", entry.reason());
            detail.put("requestedBy", requestedBy);
            if (approvedBy != null) {
                detail.put("approvedBy", approvedBy);
            }
            detail.put("evidence", evidence);
            AuditedTransactions.audit(c, entry.changedAt(), entry.changedBy(), PHASE_CHANGED, detail);
            supersede(c, entry);
            return null;
        });
    }

    @Override
    public PendingPromotion propose(PendingPromotion p, Map<String, Object> evidence) {
        return db.inTransaction(c -> {
            RolloutPhase current = lockPhase(c, p.scope());
            if (current != p.from()) {
                throw new RolloutConflict(p.scope() + " is in " + current + " now, not " + p.from());
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into rollout_pending_changes (account, strategy_id, kind, from_value, to_value, reason,
                                                         requested_by, requested_at)
                    values (?, ?, 'PHASE', ?, ?, ?, ?, ?) on conflict do nothing""", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, p.scope().account());
                ps.setString(2, p.scope().strategy());
                ps.setString(3, p.from().name());
                ps.setString(4, p.to().name());
                ps.setString(5, p.reason());
                ps.setString(6, p.requestedBy());
                ps.setTimestamp(7, Timestamp.from(p.requestedAt()));
                if (ps.executeUpdate() == 0) {
                    throw new RolloutConflict("a promotion of " + p.scope() + " already waits for approval: approve or"
                            + " withdraw it first (GET /api/admin/rollout)");
                }
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            Map<String, Object> detail = AuditedTransactions.scopeDetail(p.scope());
            detail.put("changeId", id);
            detail.put("from", p.from().name());
            detail.put("to", p.to().name());
            detail.put("reason", p.reason());
            detail.put("evidence", evidence);
            AuditedTransactions.audit(c, p.requestedAt(), p.requestedBy(), PROMOTION_REQUESTED, detail);
            return p.withId(id);
        });
    }

    @Override
    public PendingPromotion withdraw(long id, String actor, String reason, Instant at) {
        return db.inTransaction(c -> {
            PendingPromotion p = deletePending(c, id);
            Map<String, Object> detail = AuditedTransactions.scopeDetail(p.scope());
            detail.put("changeId", id);
            detail.put("from", p.from().name());
            detail.put("to", p.to().name());
            detail.put("requestedBy", p.requestedBy());
            detail.put("reason", reason);
            AuditedTransactions.audit(c, at, actor, PROMOTION_WITHDRAWN, detail);
            return p;
        });
    }

    @Override
    public PhaseEntry approve(long id, String approver, String reason, Instant at, Map<String, Object> evidence) {
        return db.inTransaction(c -> {
            PendingPromotion p = lockPending(c, id);
            if (p.requestedBy().equals(approver)) {
                throw new SecondOperatorRequired("four eyes: " + approver + " asked for this promotion and may not"
                        + " approve it; another operator must");
            }
            RolloutPhase current = lockPhase(c, p.scope());
            if (current != p.from()) {
                throw new RolloutConflict(p.scope() + " moved to " + current + " since the promotion was asked for (from "
                        + p.from() + "): withdraw it and ask again");
            }
            PhaseEntry entry = new PhaseEntry(p.scope(), p.to(), p.reason(), approver, at);
            upsert(c, entry);
            deletePending(c, id);
            Map<String, Object> detail = AuditedTransactions.scopeDetail(p.scope());
            detail.put("changeId", id);
            detail.put("from", p.from().name());
            detail.put("to", p.to().name());
            detail.put("reason", p.reason());
            detail.put("requestedBy", p.requestedBy());
            detail.put("requestedAt", p.requestedAt().toString());
            detail.put("approvedBy", approver);
            detail.put("approval", reason);
            detail.put("evidence", evidence);
            AuditedTransactions.audit(c, at, approver, PHASE_CHANGED, detail);
            return entry;
        });
    }

    /** A move drops what waited for the scope: the promotion started from a phase the scope is no longer in. */
    private static void supersede(Connection c, PhaseEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from rollout_pending_changes where account = ? and"
                + " strategy_id = ? and kind = 'PHASE' returning change_id, from_value, to_value, requested_by")) {
            ps.setString(1, entry.scope().account());
            ps.setString(2, entry.scope().strategy());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> detail = AuditedTransactions.scopeDetail(entry.scope());
                    detail.put("changeId", rs.getLong(1));
                    detail.put("from", rs.getString(2));
                    detail.put("to", rs.getString(3));
                    detail.put("requestedBy", rs.getString(4));
                    detail.put("reason", "superseded by a move to " + entry.phase());
                    AuditedTransactions.audit(c, entry.changedAt(), entry.changedBy(), PROMOTION_SUPERSEDED, detail);
                }
            }
        }
    }

    private static PendingPromotion lockPending(Connection c, long id) throws SQLException {
        return PendingChangeRows.lock(c, id, "PHASE", "change_id, account, strategy_id, from_value, to_value, reason,"
                + " requested_by, requested_at", JdbcRolloutStore::pending);
    }

    private static PendingPromotion deletePending(Connection c, long id) throws SQLException {
        PendingPromotion p = lockPending(c, id);
        PendingChangeRows.delete(c, id);
        return p;
    }

    private static RolloutPhase lockPhase(Connection c, RolloutScope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select phase from rollout_phases where account = ? and strategy_id = ? for update")) {
            ps.setString(1, scope.account());
            ps.setString(2, scope.strategy());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return RolloutPhase.valueOf(rs.getString(1));
                }
                // as RolloutBoard.ownPhase reads a scope without a row
                return scope.isAccount() ? RolloutPhase.SHADOW : RolloutPhase.LIVE;
            }
        }
    }

    private static void upsert(Connection c, PhaseEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into rollout_phases (account, strategy_id, phase, reason, changed_by, changed_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (account, strategy_id) do update
                set phase = excluded.phase, reason = excluded.reason,
                    changed_by = excluded.changed_by, changed_at = excluded.changed_at""")) {
            bindEntry(ps, e);
            ps.executeUpdate();
        }
    }

    private static void bindEntry(PreparedStatement ps, PhaseEntry e) throws SQLException {
        ps.setString(1, e.scope().account());
        ps.setString(2, e.scope().strategy());
        ps.setString(3, e.phase().name());
        ps.setString(4, e.reason());
        ps.setString(5, e.changedBy());
        ps.setTimestamp(6, Timestamp.from(e.changedAt()));
    }

    private static PendingPromotion pending(ResultSet rs) throws SQLException {
        return new PendingPromotion(rs.getLong(1), new RolloutScope(rs.getString(2), rs.getString(3)),
                RolloutPhase.valueOf(rs.getString(4)), RolloutPhase.valueOf(rs.getString(5)), rs.getString(6),
                rs.getString(7), rs.getTimestamp(8).toInstant());
    }
}
