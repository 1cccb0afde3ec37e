package kisgateway.kis.error;

/**
 * The request may have reached KIS and we cannot tell what it did: a timeout or a lost connection after sending,
 * a 5xx without a recognised code, an answer we cannot read. For an order: RECONCILE_REQUIRED, never a blind resend.
 */
public final class KisAmbiguousOutcome extends KisException {

    public enum Reason {
        TIMEOUT_AFTER_SEND,
        CONNECTION_LOST_AFTER_SEND,
        INTERRUPTED_AFTER_SEND,
        SERVER_ERROR_UNRECOGNISED,
        UNEXPECTED_HTTP_STATUS,
        UNPARSABLE_BODY,
        MISSING_FIELD
    }

    private final Reason reason;
    private final int httpStatus;

    /** @param httpStatus 0 when no response arrived */
    public KisAmbiguousOutcome(Reason reason, String what, int httpStatus, String detail, Throwable cause) {
        super(what + " outcome unknown: " + reason + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
                + (detail == null || detail.isEmpty() ? "" : ": " + detail), cause, false);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    public Reason reason() {
        return reason;
    }

    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.UNKNOWN;
    }
}
