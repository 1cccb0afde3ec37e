package kisgateway.reconcile;

/** What kind of drift a break is; with its subject it identifies the break across runs. */
public enum BreakKind {
    /** Broker and gateway states contradict, and no legal transition brings the order to the broker's state. */
    ORDER_STATUS,
    /** The order's quantity differs from the broker's, or the broker's quantities do not add up to it. */
    ORDER_QUANTITY,
    /** The order's filled quantity disagrees with the fills recorded for its order numbers. */
    ORDER_FILLED,
    /** The order has a KIS number the broker does not list today. */
    ORDER_NOT_AT_BROKER,
    /** Order numbers that do not line up: a revision the gateway never made, one chain claimed twice, ... */
    ORDER_CHAIN,
    /** An order with no number (send outcome unknown) has several broker orders that could be it. */
    AMBIGUOUS_MATCH,
    /** More is filled locally than the broker reports for an order number. */
    FILLS_AHEAD,
    /** Same filled quantity, but the average price differs beyond the tolerance. */
    FILL_PRICE,
    /** A missing fill's price, implied from the broker's cumulative figures, is not plausible. */
    IMPLIED_PRICE,
    POSITION_QUANTITY,
    POSITION_AVG_PRICE,
    CASH
}
