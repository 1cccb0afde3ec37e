package kisgateway.risk.compliance;

import java.time.Instant;
import kisgateway.risk.ComplianceAlert;

/**
 * An alert as stored, with its review state.
 *
 * @param reviewedAt null until a person has reviewed it
 */
public record StoredComplianceAlert(long alertId, ComplianceAlert alert, Instant reviewedAt, String reviewedBy) {
}
