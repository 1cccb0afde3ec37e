package kisgateway.order;

/** The risk and compliance gate as the order flow sees it (implemented over kisgateway.risk). */
public interface PreTradeCheck {

    /** Screens a new order; a refusal is recorded as DENIED with the rule and the values. */
    Screening screen(OrderRecord order);

    /** @param allowed the order may be sent; otherwise {@code order} is already DENIED */
    record Screening(OrderRecord order, boolean allowed) {
    }
}
