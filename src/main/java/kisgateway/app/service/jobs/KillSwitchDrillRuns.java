package kisgateway.app.service.jobs;

import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * What the routes call: the drill job when one is configured (ops.drill.strategy), and a clear refusal when not.
 */
public final class KillSwitchDrillRuns {

    private final Optional<DrillJob> job;

    public KillSwitchDrillRuns(Optional<DrillJob> job) {
        this.job = job;
    }

    /** The scheduled drill's message when it ran now; null when not due or not configured. */
    public String runIfDue(Exchange exchange) {
        return job.map(j -> j.runIfDue(exchange)).orElse(null);
    }

    public String runNow(String operator, Exchange exchange) {
        return job.orElseThrow(() -> new IllegalArgumentException(
                "no kill-switch drill is configured: set ops.drill.strategy and ops.drill.account"))
                .runNow(operator, exchange);
    }
}
