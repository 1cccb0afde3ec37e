package kisgateway.reconcile;

import java.time.Duration;
import java.time.Instant;
import kisgateway.reconcile.snapshot.OpenBreak;

/** An open break whose subject was examined and found in agreement. */
public record ResolvedBreak(OpenBreak open, Instant resolvedAt) {

    /** Drift time-to-resolve. */
    public Duration timeToResolve() {
        return Duration.between(open.openedAt(), resolvedAt);
    }
}
