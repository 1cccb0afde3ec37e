package kisgateway.kis.error;

/**
 * Every failure of a KIS call, classified once in this layer so that routes branch on the type.
 * Messages carry codes and KIS's own text, never a credential, token, account number or raw body.
 */
public abstract sealed class KisException extends RuntimeException
        permits KisBusinessReject, KisRateLimited, KisTokenRejected, KisCredentialsRejected, KisPermissionDenied,
        KisIssuanceThrottled, KisUnavailableBeforeSend, KisAmbiguousOutcome, KisBudgetExpired, KisUnsupportedInMode,
        KisInvalidRequest, KisPageCapReached {

    /**
     * @param expected an expected refusal (business reject, rate limit, budget…) carries no stack trace: it is
     *                 decided by data, not by a code path worth printing, and it is cheap to create.
     */
    protected KisException(String message, Throwable cause, boolean expected) {
        super(message, cause, true, !expected);
    }

    public abstract SendOutcome sendOutcome();

    /** True when resending the very same request cannot create a second effect at the broker. */
    public final boolean safeToResend() {
        return sendOutcome() != SendOutcome.UNKNOWN;
    }
}
