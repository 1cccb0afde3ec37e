package kisgateway.risk.rollout;

/** No pending change has that id (HTTP 404): approved, withdrawn or superseded already, or never asked for. */
public final class UnknownPendingChange extends RuntimeException {
    public UnknownPendingChange(String message) {
        super(message);
    }
}
