package kisgateway.order;

/** What happens to an order; the transition table says what each does in each state. */
public enum OrderEventType {
    CREATE,
    /** risk, compliance, kill switch, breaker open, or the request could not leave (definitely not sent) */
    DENY,
    /** went stale before it was sent (time-to-live) */
    EXPIRE,
    SUBMIT,
    /** a SHADOW order reached the point of sending: its request recorded instead of sent */
    SHADOW,
    ACK,
    REJECT,
    /** the send may or may not have reached KIS */
    AMBIGUOUS,
    PARTIAL_FILL,
    COMPLETE_FILL,
    CANCEL_REQUEST,
    CANCEL_ACK,
    CANCEL_REJECT,
    REPLACE_REQUEST,
    REPLACE_ACK,
    REPLACE_REJECT,
    /** the exchange cancelled the remainder itself (IOC/FOK, end of session) */
    BROKER_CANCEL,
    /** reconciliation found the order at the broker and sets its true state */
    RECONCILE_ACKED,
    RECONCILE_PARTIAL,
    RECONCILE_FILLED,
    RECONCILE_CANCELED,
    /** reconciliation proved the order absent at the broker after the in-flight grace period */
    RECONCILE_ABSENT
}
