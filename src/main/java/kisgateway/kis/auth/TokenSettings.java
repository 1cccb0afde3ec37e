package kisgateway.kis.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * @param refreshMargin        refresh this long before the credential expires (python-kis uses 10 min)
 * @param minRefreshInterval   never refresh a still-valid credential more often: KIS hands back the same token
 *                             within 6 h of the last issuance, so a margin larger than that would loop
 * @param throttleWait         after EGW00133, wait this long before the next attempt (KIS says 1/min)
 * @param retryPause           after a transport failure, wait this long before the next attempt
 * @param maxAttempts          attempts per issuance before the callers get the last failure
 * @param issuanceSpacing      at least this long between two attempts for one app key (1/s, plus a margin)
 * @param approvalKeyLifetime  KIS documents no validity; the official client re-issues after 86400 s
 * @param defaultWait          how long a caller without a deadline waits for an issuance
 */
public record TokenSettings(Duration refreshMargin, Duration minRefreshInterval, Duration throttleWait,
                            Duration retryPause, int maxAttempts, Duration issuanceSpacing,
                            Duration approvalKeyLifetime, Duration defaultWait) {

    public TokenSettings {
        Objects.requireNonNull(refreshMargin, "refreshMargin");
        Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
        Objects.requireNonNull(throttleWait, "throttleWait");
        Objects.requireNonNull(retryPause, "retryPause");
        Objects.requireNonNull(issuanceSpacing, "issuanceSpacing");
        Objects.requireNonNull(approvalKeyLifetime, "approvalKeyLifetime");
        Objects.requireNonNull(defaultWait, "defaultWait");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static TokenSettings defaults() {
        return new TokenSettings(Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofSeconds(60),
                Duration.ofSeconds(5), 5, Duration.ofMillis(1010), Duration.ofHours(24), Duration.ofMinutes(6));
    }

    public TokenSettings withRefreshMargin(Duration value) {
        return new TokenSettings(value, minRefreshInterval, throttleWait, retryPause, maxAttempts, issuanceSpacing,
                approvalKeyLifetime, defaultWait);
    }

    public TokenSettings withThrottleWait(Duration value) {
        return new TokenSettings(refreshMargin, minRefreshInterval, value, retryPause, maxAttempts, issuanceSpacing,
                approvalKeyLifetime, defaultWait);
    }

    public TokenSettings withMaxAttempts(int value) {
        return new TokenSettings(refreshMargin, minRefreshInterval, throttleWait, retryPause, value, issuanceSpacing,
                approvalKeyLifetime, defaultWait);
    }

    public TokenSettings withApprovalKeyLifetime(Duration value) {
        return new TokenSettings(refreshMargin, minRefreshInterval, throttleWait, retryPause, maxAttempts,
                issuanceSpacing, value, defaultWait);
    }
}
