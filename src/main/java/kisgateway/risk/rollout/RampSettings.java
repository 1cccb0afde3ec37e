package kisgateway.risk.rollout;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The RAMP phase's schedule and gates ({@code rollout.ramp.*}): the caps grow by {@code growthFactor} for each
 * {@code cleanPeriod} in which every gate held, up to the account's ramp ceiling; a gate fails when a reconciliation
 * break stays open longer than {@code maxBreakAge}, when no kill-switch drill passed within {@code maxDrillAge}, or
 * when more than {@code maxRejectRate} of the orders KIS answered within {@code rejectWindow} were rejected (judged
 * from {@code rejectMinOrders} answered orders on).
 */
public record RampSettings(BigDecimal growthFactor, Duration cleanPeriod, Duration maxBreakAge, Duration maxDrillAge,
                           BigDecimal maxRejectRate, Duration rejectWindow, int rejectMinOrders,
                           boolean demoteOnFailedGate) {
    public RampSettings {
        Objects.requireNonNull(growthFactor, "growthFactor");
        if (growthFactor.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("rollout.ramp.growth-factor must be at least 1, not " + growthFactor);
        }
        requirePositive(cleanPeriod, "rollout.ramp.clean-period");
        requirePositive(maxBreakAge, "rollout.ramp.max-break-age");
        requirePositive(maxDrillAge, "rollout.ramp.max-drill-age");
        requirePositive(rejectWindow, "rollout.ramp.reject-window");
        if (maxRejectRate.signum() < 0 || maxRejectRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("rollout.ramp.max-reject-rate is a fraction from 0 to 1, not "
                    + maxRejectRate);
        }
        if (rejectMinOrders < 1) {
            throw new IllegalArgumentException("rollout.ramp.reject-min-orders must be at least 1");
        }
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration");
        }
    }
}
