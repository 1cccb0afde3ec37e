package kisgateway.ops.tickets;

/** The tickets' tables could not be read or written (database down, a statement refused). */
public final class TicketStoreException extends RuntimeException {

    public TicketStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
