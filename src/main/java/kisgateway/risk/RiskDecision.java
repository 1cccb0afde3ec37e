package kisgateway.risk;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gate's answer. ALLOW, or DENY with the first rule that fired and its values. Either way it may carry
 * compliance alerts: a pattern flagged by a compliance guard is reported even when an earlier rule already denied
 * the order, so the pipeline persists {@link #alerts()} whatever the verdict.
 *
 * @param rule   null when allowed
 * @param values empty when allowed
 */
public record RiskDecision(Verdict verdict, RiskRule rule, Map<String, String> values, List<ComplianceAlert> alerts) {

    public enum Verdict { ALLOW, DENY }

    public RiskDecision {
        Objects.requireNonNull(verdict, "verdict");
        if ((verdict == Verdict.DENY) != (rule != null)) {
            throw new IllegalArgumentException("a denial names its rule; an allowance names none");
        }
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        alerts = List.copyOf(alerts);
    }

    public static RiskDecision allow(List<ComplianceAlert> alerts) {
        return new RiskDecision(Verdict.ALLOW, null, Map.of(), alerts);
    }

    public static RiskDecision deny(Finding finding, List<ComplianceAlert> alerts) {
        return new RiskDecision(Verdict.DENY, finding.rule(), finding.values(), alerts);
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }

    /** The rule id of a denial ({@code reject_code} of the DENIED order), or null when allowed. */
    public String ruleId() {
        return rule == null ? null : rule.id();
    }
}
