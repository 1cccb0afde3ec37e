package kisgateway.order;

/** The risk and compliance gate as the order flow sees it (implemented over kisgateway.risk). */
public interface PreTradeCheck {

    /** Screens a new order; a refusal is recorded as DENIED with the rule and the values. */
    Screening screen(OrderRecord order);

    /**
     * As {@link #screen(OrderRecord)}, answering from the book its create read when there is one for it (null, or
     * one read for another order: the book is read now).
     */
    default Screening screen(OrderRecord order, ScreeningBook book) {
        return screen(order);
    }

    /** @param allowed the order may be sent; otherwise {@code order} is already DENIED */
    record Screening(OrderRecord order, boolean allowed) {
    }
}
