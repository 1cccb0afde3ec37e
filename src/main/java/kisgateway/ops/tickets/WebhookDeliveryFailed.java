package kisgateway.ops.tickets;

/** The webhook did not take a ticket change in any of its tries: the change goes to the dead letters. */
public final class WebhookDeliveryFailed extends Exception {

    private final int attempts;

    public WebhookDeliveryFailed(String lastReason, int attempts) {
        super(lastReason + " (" + attempts + " tries)");
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
