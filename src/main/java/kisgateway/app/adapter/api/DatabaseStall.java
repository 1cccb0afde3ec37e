package kisgateway.app.adapter.api;

import java.util.Optional;
import kisgateway.app.db.DatabaseTimeouts;
import kisgateway.order.OutcomeNotRecorded;

/**
 * What the intakes make of a call that the database did not answer within its bounds (or could not take at all):
 * the reason a REST caller or a dead letter reads, and whether a JMS intent goes back to the broker for a later
 * delivery. Nothing is wrong with such an intent; what matters to its sender is whether anything went to KIS.
 */
public final class DatabaseStall {

    private final DatabaseTimeouts timeouts;
    private final int rolledBackDeliveries;

    /**
     * @param rolledBackDeliveries deliveries of a JMS intent that go back to the broker when the database did not
     *                             answer; the one after is dead-lettered with the reason
     */
    public DatabaseStall(DatabaseTimeouts timeouts, int rolledBackDeliveries) {
        if (rolledBackDeliveries < 0) {
            throw new IllegalArgumentException("rolled-back deliveries must not be negative: " + rolledBackDeliveries);
        }
        this.timeouts = timeouts;
        this.rolledBackDeliveries = rolledBackDeliveries;
    }

    /** The reason, when {@code failure} is the database not answering; empty for any other failure. */
    public Optional<String> reason(Throwable failure) {
        return timeouts.unanswered(failure).map(why -> handedToKis(failure)
                ? why + " after the request was handed to KIS: its outcome is recorded once the database answers"
                        + " again (reconciliation settles it); read the order by its clientOrderId rather than"
                        + " sending it again under a new one"
                : why + "; nothing was sent to KIS (sending the intent again later, under the same clientOrderId,"
                        + " is safe)");
    }

    /**
     * A JMS intent the database did not answer for rolls back (the broker delivers it again after its back-off, 1 s
     * doubling on kis.order.intents) while it has deliveries left; the last one is dead-lettered with the reason,
     * not left to the broker, whose dead letter would carry none.
     *
     * @param deliveryCount the broker's JMSXDeliveryCount, 1 for the first delivery; null for anything the broker did
     *                      not deliver (a notice from the WebSocket), which has no broker to go back to
     */
    public boolean rollBack(Throwable failure, Integer deliveryCount) {
        return deliveryCount != null && deliveryCount <= rolledBackDeliveries && timeouts.isUnanswered(failure);
    }

    private static boolean handedToKis(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutcomeNotRecorded) {
                return true;
            }
        }
        return false;
    }
}
