package kisgateway.risk;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A flagged pattern for human review (Capital Markets Act art. 176 guards), persisted to
 * {@code compliance_alerts} by {@link kisgateway.risk.compliance.JdbcComplianceAlertStore}.
 *
 * @param detail the finding's values plus the order's identity (orderRef, kind, side, quantity, price)
 */
public record ComplianceAlert(RiskRule rule, String account, String strategyId, String symbol,
                              Map<String, String> detail, Instant raisedAt) {

    public ComplianceAlert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(raisedAt, "raisedAt");
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }
}
