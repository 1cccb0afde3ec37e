package kisgateway.risk.rollout;

import java.util.List;
import java.util.Map;

/**
 * Where phases and pending promotions survive restarts, and where every change is audited with the gate evidence
 * of its moment. Each method is one transaction.
 */
public interface RolloutStore {

    /** Every persisted phase. */
    List<PhaseEntry> loadPhases();

    /** Every promotion that waits for its second operator. */
    List<PendingPromotion> loadPending();

    /**
     * Writes the configured phases of the scopes that have no row yet (the first start, a newly configured account);
     * a scope with a row keeps it. Each written one is audited.
     */
    void seed(List<PhaseEntry> configured);

    /**
     * Moves a scope to {@code entry}'s phase if it is still in {@code expected} (else {@link RolloutConflict}), drops
     * a promotion pending for it (superseded), and audits the move.
     *
     * @param approvedBy the second operator, null when none was needed
     * @param requestedBy who asked for it (the same as entry.changedBy() without four eyes)
     */
    void move(PhaseEntry entry, RolloutPhase expected, String requestedBy, String approvedBy,
              Map<String, Object> evidence);

    /** Records a promotion that waits (one per scope, else {@link RolloutConflict}), audited; answers it with its id. */
    PendingPromotion propose(PendingPromotion promotion, Map<String, Object> evidence);

    /**
     * The pending promotion, removed and audited as withdrawn ({@link UnknownPendingChange} when there is none).
     */
    PendingPromotion withdraw(long id, String actor, String reason, java.time.Instant at);

    /**
     * Applies a pending promotion approved by {@code approver}: the pending row, read under lock, must exist
     * ({@link UnknownPendingChange}), have been asked for by someone else ({@link SecondOperatorRequired}) and still
     * start from the scope's phase ({@link RolloutConflict}).
     */
    PhaseEntry approve(long id, String approver, String reason, java.time.Instant at, Map<String, Object> evidence);
}
