package kisgateway.risk.killswitch;

import java.time.Instant;
import java.util.Objects;

/** A kill switch's current position and who put it there, as held in {@code trading_states}. */
public record TradingStateEntry(KillSwitchScope scope, TradingState state, String reason, String changedBy,
                                Instant changedAt) {

    public TradingStateEntry {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
