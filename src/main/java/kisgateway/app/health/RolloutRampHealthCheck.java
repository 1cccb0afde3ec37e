package kisgateway.app.health;

import java.util.Map;
import java.util.stream.Collectors;
import kisgateway.risk.rollout.RampGate;
import kisgateway.risk.rollout.RampState;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * DOWN while a gate holds an account's RAMP frozen (docs/rollout.md): an operator should look at the breaks, the
 * drill or the rejects it names. An alert only, neither readiness nor liveness: the account keeps trading inside its
 * caps, which simply stop growing, and taking the instance out of service would stop every account's cancels.
 */
public final class RolloutRampHealthCheck extends AlertHealthCheck {

    private final RampGate ramps;

    public RolloutRampHealthCheck(RampGate ramps) {
        super("rollout-ramp");
        this.ramps = ramps;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, String> frozen = ramps.ramps().values().stream().filter(RampState::frozen)
                .collect(Collectors.toMap(RampState::account, RampState::frozenReason, (a, b) -> a,
                        java.util.TreeMap::new));
        builder.detail("frozen", frozen.size());
        if (frozen.isEmpty()) {
            builder.up();
            return;
        }
        frozen.forEach((account, reason) -> builder.detail("frozen." + account, reason));
        builder.message("RAMP frozen for " + String.join(", ", frozen.keySet()) + ": a gate failed").down();
    }
}
