package kisgateway.sim.trading;

/** The simulator's truth about an order record, derived from its quantities. */
public enum OrderState {
    OPEN,
    PARTIALLY_FILLED,
    FILLED,
    /** Nothing left; some of it was cancelled (by request, or as the unfilled rest of IOC/FOK). */
    CANCELED,
    /** Nothing left; the rest moved to a revision (a new ODNO). */
    REPLACED,
    /** The exchange refused it after the broker accepted it (RFUS_YN=1). */
    REJECTED,
    /** A cancel record: the cancel itself, confirmed. */
    CONFIRMED
}
