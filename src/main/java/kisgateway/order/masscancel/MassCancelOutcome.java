package kisgateway.order.masscancel;

import kisgateway.order.OrderState;

/** What a mass cancel did with one order of its scope; the names match {@code mass_cancel_orders.outcome}. */
public enum MassCancelOutcome {
    /** KIS accepted the cancel: nothing of the order rests any more. */
    CANCELED,
    /** The order had filled before the cancel reached it (KIS said too late). */
    FILLED,
    /**
     * The cancel's outcome is unknown (a timeout, a dropped connection after the request left): the order stays
     * CANCEL_PENDING with its request AMBIGUOUS and reconciliation settles it from KIS's books; never resent.
     */
    AMBIGUOUS,
    /** KIS refused the cancel (a business reject); the order still works. */
    REFUSED,
    /** Not sent: the order had moved on (its state forbade a cancel), or no send slot came in time. */
    NOT_SENT,
    /** Another cancel of the order (a strategy's, another run's) was under way or done: not asked twice. */
    ALREADY_CANCELING,
    /**
     * Not cancelable yet: its send or revision is in flight (SUBMITTED, REPLACE_PENDING) or its send's outcome is
     * unknown (RECONCILE_REQUIRED); a later sweep of a switch cancels it once it is known to rest.
     */
    IN_FLIGHT,
    /** REDUCING only: a sell of shares held, which reduces exposure and stays. */
    KEPT,
    /** The gateway failed to record what happened (database); reconciliation settles the order. */
    FAILED;

    /**
     * The outcome of a cancel this run attempted, from its request's state ({@code order_requests.state}: PENDING,
     * ACKED, REJECTED, AMBIGUOUS, REFUSED = not sent; null when none was recorded) and the order's state afterwards.
     * An order another cancel took (another run's, a strategy's) is never counted as this run's.
     */
    public static MassCancelOutcome of(OrderState after, String requestState) {
        if (after == OrderState.FILLED) {
            return FILLED;
        }
        if ("ACKED".equals(requestState)) {
            return CANCELED;
        }
        if ("AMBIGUOUS".equals(requestState)) {
            return AMBIGUOUS;
        }
        if ("REJECTED".equals(requestState)) {
            return REFUSED;
        }
        if ("PENDING".equals(requestState) || after == OrderState.CANCEL_PENDING || after == OrderState.CANCELED) {
            // the same request being sent by a twin run, or another cancel under way or done
            return ALREADY_CANCELING;
        }
        return NOT_SENT;
    }
}
