package kisgateway.risk.rollout;

import java.time.Instant;
import java.util.Objects;

/** The phase a scope is in, who put it there, when and why. */
public record PhaseEntry(RolloutScope scope, RolloutPhase phase, String reason, String changedBy, Instant changedAt) {
    public PhaseEntry {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
