package kisgateway.kis.error;

/** What a failed call did at KIS, which is all a caller needs to decide whether it may resend. */
public enum SendOutcome {
    /** The request never left this process (or never reached KIS): resending is safe. */
    NOT_SENT,
    /** KIS answered and refused it: nothing happened at the broker. */
    REFUSED,
    /** KIS may have acted: an order must go to reconciliation, never be resent blindly. */
    UNKNOWN
}
