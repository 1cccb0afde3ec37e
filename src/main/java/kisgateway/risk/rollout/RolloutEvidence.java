package kisgateway.risk.rollout;

import java.util.Map;

/**
 * What the ramp's gates see for an account at this moment (open reconciliation breaks, the last passed kill-switch
 * drill, the reject rate): recorded with every phase change so that the audit shows what the operator decided on.
 */
public interface RolloutEvidence {

    /** JSON-ready values (strings, numbers, booleans, nested maps); never a secret. */
    Map<String, Object> of(String account);
}
