package kisgateway.ops.reliability;

import java.time.Duration;
import java.time.Instant;

/**
 * One incident of an account's stream.
 *
 * @param endedAt null while it lasts
 */
public record StreamIncident(String account, String appKey, StreamIncidentKind kind, Instant startedAt,
                             Instant endedAt, int fillsRecovered, String detail) {

    /** Until it ended, or until {@code at} while it lasts. */
    public Duration duration(Instant at) {
        Duration d = Duration.between(startedAt, endedAt == null ? at : endedAt);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
