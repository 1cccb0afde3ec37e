package kisgateway.order;

/** The states of an order in the gateway; which event moves which state where is {@link OrderStateMachine}'s. */
public enum OrderState {
    /** Persisted, not yet sent; the risk gate and the rate budget are still ahead. */
    INTENT_CREATED,
    /** Refused locally before anything was sent (risk, compliance, kill switch, breaker open, KIS unreachable). */
    DENIED,
    /** About to be, or being, sent to KIS: persisted before the request leaves. */
    SUBMITTED,
    ACKED,
    PARTIAL_FILLED,
    FILLED,
    /** A definite refusal by KIS (HTTP 200 with rt_cd != 0, msg_cd kept). */
    REJECTED,
    CANCEL_PENDING,
    CANCELED,
    REPLACE_PENDING,
    /** Not sent because it went stale (time-to-live), or the exchange expired it. */
    EXPIRED,
    /** The outcome of a send cannot be proven (timeout, 5xx, reset after send); never resent automatically. */
    RECONCILE_REQUIRED,
    /**
     * Taken in the SHADOW rollout phase (docs/rollout.md): screened all the way, its KIS request recorded, never
     * sent. Terminal: nothing rests at KIS, nothing can fill, reconciliation has nothing to look for.
     */
    SHADOWED;

    public boolean isTerminal() {
        return this == DENIED || this == FILLED || this == REJECTED || this == EXPIRED || this == CANCELED
                || this == SHADOWED;
    }

    /** Resting at the broker: it can still fill, and it can be cancelled or revised. */
    public boolean isWorking() {
        return this == ACKED || this == PARTIAL_FILLED || this == CANCEL_PENDING || this == REPLACE_PENDING;
    }
}
