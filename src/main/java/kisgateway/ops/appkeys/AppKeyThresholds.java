package kisgateway.ops.appkeys;

import java.time.Duration;

/**
 * @param expiryWarningDays alert when the key expires within this many days (KIS: one year of service per grant)
 * @param idleWarningDays   alert when the key has not been used for this many days (KIS may deactivate a key
 *                          unused for three months)
 */
public record AppKeyThresholds(int expiryWarningDays, int idleWarningDays) {

    public AppKeyThresholds {
        if (expiryWarningDays < 0 || idleWarningDays < 1) {
            throw new IllegalArgumentException("thresholds must be expiry >= 0 days, idle >= 1 day: " + expiryWarningDays
                    + ", " + idleWarningDays);
        }
    }

    public Duration idleWarning() {
        return Duration.ofDays(idleWarningDays);
    }
}
