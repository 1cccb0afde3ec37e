package kisgateway.risk;

import java.time.Instant;
import java.util.Optional;

/** Runs one check the way the gate does and names the outcome: a rule id, or "ALLOW". */
public final class Checks {

    public static final Instant TUESDAY_10AM = Seoul.at("2026-03-03T10:00");

    private Checks() {
    }

    public static String outcome(PreTradeCheck check, RiskOrder order, RiskInputs inputs) {
        return finding(check, order, inputs).map(f -> f.rule().id()).orElse("ALLOW");
    }

    public static Optional<Finding> finding(PreTradeCheck check, RiskOrder order, RiskInputs inputs) {
        return check.check(order, new OrderContext(order, inputs, TUESDAY_10AM));
    }
}
