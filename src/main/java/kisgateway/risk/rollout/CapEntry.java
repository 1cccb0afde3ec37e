package kisgateway.risk.rollout;

import java.time.Instant;
import java.util.Objects;

/** One PILOT cap of a scope (canonical value, {@link PilotCap#canonical}), who set it, when and why. */
public record CapEntry(RolloutScope scope, PilotCap cap, String value, String reason, String changedBy,
                       Instant changedAt) {
    public CapEntry {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
