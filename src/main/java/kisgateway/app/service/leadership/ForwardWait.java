package kisgateway.app.service.leadership;

import java.time.Duration;
import kisgateway.order.Intent;

/**
 * How long a follower waits for the KIS leader's answer to what it forwarded, and so how long the request lives on
 * the broker (it expires with the wait: the leader never takes a request whose caller has given up). An intent's
 * answer is due within its own time-to-live plus one KIS request and the database's bounds ({@code margin}): a
 * follower holding an HTTP worker for longer would only starve its other callers. An operator's run (reconciliation,
 * report, mass cancel) has no time-to-live of its own and gets {@code runs}.
 */
public final class ForwardWait {

    private final Duration margin;
    private final Duration runs;

    public ForwardWait(Duration margin, Duration runs) {
        if (margin.isNegative() || margin.isZero() || runs.isNegative() || runs.isZero()) {
            throw new IllegalArgumentException("forward waits must be positive: margin " + margin + ", runs " + runs);
        }
        this.margin = margin;
        this.runs = runs;
    }

    /** Milliseconds, as Camel's JMS request timeout header takes them. */
    public long forIntent(Intent intent) {
        return intent.timeToLive().plus(margin).toMillis();
    }

    public long forRun() {
        return runs.toMillis();
    }
}
