package kisgateway.sim.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import kisgateway.sim.market.SessionClock;

/**
 * WebSocket approval keys (POST /oauth2/Approval): one per call, at most one call per {@code minInterval} of real
 * time per app key (1/s, KIS notice of 2026-04-20). Validity is not documented; the official sample re-issues
 * after 86400 s, so keys live 24 h of simulated time.
 */
public final class ApprovalKeyIssuer {
    static final Duration LIFETIME = Duration.ofHours(24);

    private record Approval(String appKey, Instant expiresAt) {
    }

    private final SessionClock clock;
    private final Duration minInterval;
    private final Map<String, Approval> approvals = new HashMap<>();
    private final Map<String, Long> lastIssueNanos = new HashMap<>();

    public ApprovalKeyIssuer(SessionClock clock, Duration minInterval) {
        this.clock = clock;
        this.minInterval = minInterval;
    }

    /** A new approval key, or empty when the app key asks too often. */
    public synchronized Optional<String> issue(String appKey) {
        long now = System.nanoTime();
        Long last = lastIssueNanos.get(appKey);
        if (last != null && now - last < minInterval.toNanos()) {
            return Optional.empty();
        }
        lastIssueNanos.put(appKey, now);
        String key = UUID.randomUUID().toString();
        approvals.put(key, new Approval(appKey, clock.instantAt(now).plus(LIFETIME)));
        return Optional.of(key);
    }

    /** The app key an approval key was issued to, if it is known and not expired. */
    public synchronized Optional<String> appKeyOf(String approvalKey) {
        Approval a = approvalKey == null ? null : approvals.get(approvalKey);
        if (a == null || !clock.now().isBefore(a.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(a.appKey());
    }
}
