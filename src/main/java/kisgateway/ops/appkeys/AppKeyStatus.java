package kisgateway.ops.appkeys;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An app key judged at an instant: days to its expiry, how long it has been idle, and whether either is past its
 * threshold. The same judgement feeds the alerts, /q/health, the metrics, the operator API and the report.
 *
 * @param label      the key's non-secret label (the first 8 hex characters of its SHA-256)
 * @param accounts   the account aliases that use it
 * @param expiresOn  the service's last day (KST), or null when not configured (sim mode only)
 * @param idleSince  the last successful call, or when the gateway first saw the key
 */
public record AppKeyStatus(String keyId, String label, List<String> accounts, LocalDate expiresOn, Instant idleSince,
                           Instant lastSuccess, Instant at, AppKeyThresholds thresholds) {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    public AppKeyStatus {
        accounts = List.copyOf(accounts);
    }

    /** Whole days from today (KST) to the expiry date: 0 on its last day, negative once past; null when unknown. */
    public Long expiryDaysLeft() {
        return expiresOn == null ? null : ChronoUnit.DAYS.between(at.atZone(KST).toLocalDate(), expiresOn);
    }

    public Duration idle() {
        Duration d = Duration.between(idleSince, at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean expiryWarning() {
        Long left = expiryDaysLeft();
        return left != null && left <= thresholds.expiryWarningDays();
    }

    public boolean idleWarning() {
        return idle().compareTo(thresholds.idleWarning()) >= 0;
    }

    /** One line for an operator, without a secret. */
    public String describe() {
        StringBuilder sb = new StringBuilder("app key ").append(label).append(" (").append(String.join(", ", accounts))
                .append("): ");
        sb.append(expiresOn == null ? "expiry not configured" : "expires " + expiresOn + " (" + expiryDaysLeft()
                + " days left)");
        sb.append(", idle ").append(idle().toDays()).append(" days");
        return sb.toString();
    }
}
