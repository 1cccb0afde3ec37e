package kisgateway.order;

/**
 * A request that went to KIS (or may have: the call was made) whose outcome the order store could not record
 * (the database failing or not answering). The order stays in its pending state (SUBMITTED, CANCEL_PENDING,
 * REPLACE_PENDING) and reconciliation settles it; the intent must not be taken for one that was never sent.
 */
public final class OutcomeNotRecorded extends OrderStoreException {

    public OutcomeNotRecorded(OrderRecord order, String request, RuntimeException cause) {
        super("order " + order.orderId() + ": " + request + " was handed to KIS but its outcome could not be"
                + " recorded: " + cause.getMessage(), cause);
    }
}
