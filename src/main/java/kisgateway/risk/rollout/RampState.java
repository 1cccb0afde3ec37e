package kisgateway.risk.rollout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An account's ramp: since when it is in RAMP ({@link #enteredAt}, the phase change's moment), how far its caps have
 * grown, since when its current clean period runs (null while frozen), and whether a gate holds it frozen.
 */
public record RampState(String account, Instant enteredAt, BigDecimal factor, Instant cleanSince, boolean frozen,
                        String frozenReason, Instant evaluatedAt) {
    public RampState {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(enteredAt, "enteredAt");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    }
}
