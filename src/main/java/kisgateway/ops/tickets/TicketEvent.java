package kisgateway.ops.tickets;

/**
 * One change of a ticket as a message (docs/schemas/ops-ticket.schema.json).
 *
 * @param json the body: the ticket as it is after the change, with the break's evidence
 */
public record TicketEvent(long eventId, long ticketId, int version, TicketChange change, String state,
                          String account, String kind, String json) {

    /** The broker drops a second send of the same change (an outbox row sent again after a crash). */
    public String duplicateId() {
        return "ticket-" + ticketId + "-v" + version;
    }
}
