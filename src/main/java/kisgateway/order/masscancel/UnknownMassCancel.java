package kisgateway.order.masscancel;

/** No mass cancel has that request id (HTTP 404): never asked for, or asked of another gateway's database. */
public final class UnknownMassCancel extends RuntimeException {
    public UnknownMassCancel(String message) {
        super(message);
    }
}
