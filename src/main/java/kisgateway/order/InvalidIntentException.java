package kisgateway.order;

/**
 * An intent that is not well-formed or not acceptable as written (bad field, wrong price for the type, ...).
 * Never transient: answered at once (REST 400) or dead-lettered with this message as the reason.
 */
public class InvalidIntentException extends IllegalArgumentException {
    public InvalidIntentException(String message) {
        super(message);
    }
}
