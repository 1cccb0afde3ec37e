package kisgateway.risk.rollout;

/** What an operator's cap request did: set the cap, or left a raise waiting for a second operator. */
public record CapChange(CapEntry applied, PendingCapRaise pending, boolean unchanged) {

    public boolean isPending() {
        return pending != null;
    }
}
