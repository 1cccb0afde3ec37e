package kisgateway.kis.budget;

/**
 * Who gets the next free REST slot of an app key. Orders and cancels first (a delayed cancel costs money), gap
 * backfill next (a missing fill misstates positions), reconciliation and other queries with what is left.
 */
public enum CallPriority {
    ORDER,
    BACKFILL,
    QUERY
}
