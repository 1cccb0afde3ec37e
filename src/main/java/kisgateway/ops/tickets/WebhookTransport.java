package kisgateway.ops.tickets;

/** Hands one ticket change to the incident tool. */
public interface WebhookTransport {

    /**
     * @param idempotencyKey the same for every try of one change: a tool that got it but whose answer was lost can
     *                       tell the retry from a new change
     * @return delivered, or why not (never the URL or the secret: either may hold a token)
     */
    Attempt post(String json, String idempotencyKey);

    record Attempt(boolean delivered, String reason) {
        public static Attempt ok() {
            return new Attempt(true, null);
        }

        public static Attempt failed(String reason) {
            return new Attempt(false, reason);
        }
    }
}
