package kisgateway.order;

/** The order store could not do what was asked (database unreachable, constraint broken). */
public class OrderStoreException extends RuntimeException {
    public OrderStoreException(String message) {
        super(message);
    }

    public OrderStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
