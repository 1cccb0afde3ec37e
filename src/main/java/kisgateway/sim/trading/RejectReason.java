package kisgateway.sim.trading;

/** Why the broker refuses an order outright (HTTP 200, rt_cd != "0"); the REST layer words it per domain. */
public enum RejectReason {
    INSUFFICIENT_CASH,
    INSUFFICIENT_SHARES,
    MARKET_CLOSED,
    NOTHING_TO_REVISE,
    ORIGINAL_NOT_FOUND,
    INVALID_QUANTITY,
    INVALID_TICK,
    PRICE_OUT_OF_BAND,
    UNKNOWN_SYMBOL,
    STOP_PRICE_REQUIRED
}
