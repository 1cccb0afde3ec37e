package kisgateway.risk.rollout;

import java.math.BigDecimal;

/** How far an account's caps have grown in the RAMP phase: 1 in PILOT and before the first clean period. */
@FunctionalInterface
public interface CapGrowth {

    CapGrowth NONE = account -> BigDecimal.ONE;

    /** At least 1. */
    BigDecimal factor(String account);
}
