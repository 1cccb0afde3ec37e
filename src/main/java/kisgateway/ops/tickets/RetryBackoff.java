package kisgateway.ops.tickets;

import java.time.Duration;

/**
 * Exponential back-off between tries of a delivery: the first wait, doubling after every failed try, capped; and
 * after {@code maxAttempts} failed tries the delivery is given up (dead-lettered).
 */
public record RetryBackoff(int maxAttempts, Duration initial, Duration max) {

    public RetryBackoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** Whether a delivery that failed this many tries is given up. */
    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }

    /** The wait after the given number of failed tries (1 = after the first): initial x 2^(n-1), capped at max. */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            return Duration.ZERO;
        }
        // past 2^30 the cap has long been reached; shifting further would overflow
        int doublings = Math.min(failedAttempts - 1, 30);
        long millis = initial.toMillis();
        long capped = millis > max.toMillis() >> doublings ? max.toMillis() : millis << doublings;
        return Duration.ofMillis(Math.min(capped, max.toMillis()));
    }
}
