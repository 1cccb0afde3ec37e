package kisgateway.risk.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * A cap raise one operator asked for that waits for a second (rollout.four-eyes); it takes effect only if the cap
 * is still {@link #from()} when it is approved.
 *
 * @param id 0 until the store has it
 */
public record PendingCapRaise(long id, RolloutScope scope, PilotCap cap, String from, String to, String reason,
                              String requestedBy, Instant requestedAt) {
    public PendingCapRaise {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    PendingCapRaise withId(long newId) {
        return new PendingCapRaise(newId, scope, cap, from, to, reason, requestedBy, requestedAt);
    }
}
