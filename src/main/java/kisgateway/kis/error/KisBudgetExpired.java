package kisgateway.kis.error;

import java.time.Duration;

/** Not sent: the call could not get a rate-budget slot (or a token) before its time-to-live. A stale order is worse than a refused one. */
public final class KisBudgetExpired extends KisException {

    private final String priority;
    private final Duration waited;

    public KisBudgetExpired(String what, String priority, Duration waited) {
        this(what, priority, waited, "a " + priority + " send slot");
    }

    /** @param waitingFor what the call was waiting for when its time ran out, e.g. "an access token" */
    public KisBudgetExpired(String what, String priority, Duration waited, String waitingFor) {
        super(what + " not sent: time-to-live passed waiting for " + waitingFor + " (waited "
                + waited.toMillis() + " ms)", null, true);
        this.priority = priority;
        this.waited = waited;
    }

    public String priority() {
        return priority;
    }

    public Duration waited() {
        return waited;
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.NOT_SENT;
    }
}
