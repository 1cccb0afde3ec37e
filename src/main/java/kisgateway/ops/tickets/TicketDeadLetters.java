package kisgateway.ops.tickets;

/** Where a ticket change goes that the webhook did not take after the last try (DLQ.kis.ops.tickets). */
@FunctionalInterface
public interface TicketDeadLetters {

    /** Throws when the change could not be dead-lettered: it then stays due and is tried again. */
    void deadLetter(TicketEvent event, WebhookDeliveryFailed failure) throws Exception;
}
