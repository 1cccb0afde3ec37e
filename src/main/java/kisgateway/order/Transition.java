package kisgateway.order;

/**
 * The outcome of applying an event to an order: the order after it, the appended event's id, and whether the
 * table allowed it. An illegal transition is recorded as an event (state unchanged), never thrown away.
 */
public record Transition(OrderRecord order, OrderState from, OrderEventType event, long eventId, boolean legal) {

    public OrderState to() {
        return order.state();
    }

    public boolean changedState() {
        return legal && from != order.state();
    }
}
