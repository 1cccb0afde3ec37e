package kisgateway.risk.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * A promotion one operator asked for that waits for a second operator (rollout.four-eyes). It takes effect only if
 * the scope is still in {@link #from()} when it is approved.
 *
 * @param id 0 until the store has it
 */
public record PendingPromotion(long id, RolloutScope scope, RolloutPhase from, RolloutPhase to, String reason,
                               String requestedBy, Instant requestedAt) {
    public PendingPromotion {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    public PendingPromotion withId(long newId) {
        return new PendingPromotion(newId, scope, from, to, reason, requestedBy, requestedAt);
    }
}
