package kisgateway.risk;

import java.time.Instant;
import java.util.Optional;

/**
 * One rule of the pre-trade gate. Implementations are pure over the order, the context and their own in-memory
 * state: no I/O, no clock reads of their own (the gate passes its time in the context).
 */
public interface PreTradeCheck {

    /** Empty when the order passes. A check decides itself which order kinds it applies to. */
    Optional<Finding> check(RiskOrder order, OrderContext context);

    /**
     * A compliance guard still runs after an earlier rule denied the order, and what it finds is raised as a
     * {@link ComplianceAlert} for human review.
     */
    default boolean complianceGuard() {
        return false;
    }

    /** Told of each order that actually went out, so that stateful guards see the real flow. */
    default void recordAccepted(RiskOrder order, Instant at) {
    }

    /**
     * Replaces what a stateful guard remembers with the history, as if it had been told of just those requests
     * ({@link #recordAccepted}); what it held before is forgotten, so a request in both counts once.
     */
    default void rebuild(ConductHistory history) {
    }
}
