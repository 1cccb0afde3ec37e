package kisgateway.ops.drills;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Where and when the drill runs: the drill strategy on a real account, the symbol of its resting order and how
 * many ticks under the last trade it rests, the weekly slot (Seoul time) and how long each step may take.
 *
 * @param maxAge a passed drill older than this is a missed drill (the health check and the rollout's RAMP gate)
 */
public record DrillSettings(String strategy, String account, String symbol, int ticksBelow, DayOfWeek day,
                            LocalTime from, LocalTime until, Duration stepTimeout, Duration maxAge) {

    public DrillSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (ticksBelow < 1) {
            throw new IllegalArgumentException("ops.drill.ticks-below-market must be at least 1, not " + ticksBelow);
        }
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("ops.drill.window must start before it ends: " + from + "-" + until);
        }
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("ops.drill.step-timeout-ms must be positive");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("ops.drill.max-age-days must be positive");
        }
    }
}
