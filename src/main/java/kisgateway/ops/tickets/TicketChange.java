package kisgateway.ops.tickets;

/** What happened to a ticket: each change is one message on kis.ops.tickets and one webhook delivery. */
public enum TicketChange {
    OPENED,
    /** The break is still open and its evidence or summary changed. */
    UPDATED,
    /** The break settled. */
    CLOSED
}
