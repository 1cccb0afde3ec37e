package kisgateway.ops.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One drill's outcome. A failed drill names the step that failed: PLACE (the resting order was not working at
 * KIS), DENY (a new intent in the halted scope was not denied), CANCEL (the resting order was not canceled at KIS
 * in time), ERROR (anything else). {@code haltToCancel} is the time from the switch to the resting order canceled.
 */
public record DrillResult(String drillId, String trigger, String account, String strategy, Instant startedAt,
                          Instant finishedAt, boolean passed, String failedStep, String detail,
                          Duration haltToCancel, String restingClientOrderId) {

    public Optional<Duration> timeToCancel() {
        return Optional.ofNullable(haltToCancel);
    }
}
