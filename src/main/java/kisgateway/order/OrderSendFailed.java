package kisgateway.order;

/**
 * A send to KIS that failed for a reason the circuit breaker must count (KIS unreachable, ambiguous, refused at
 * its gateway). The order's state has already been recorded when this is thrown: the flow only needs to
 * know that the call failed.
 */
public class OrderSendFailed extends RuntimeException {

    private final transient OrderRecord order;

    public OrderSendFailed(OrderRecord order, String message, Throwable cause) {
        super(message, cause);
        this.order = order;
    }

    public OrderRecord order() {
        return order;
    }
}
