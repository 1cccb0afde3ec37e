package kisgateway.kis.error;

/**
 * HTTP 403 {@code {"error_code":"EGW00133",...}}: token issuance asked too soon (KIS texts disagree between
 * 1/s, 1/min and 5/min, docs/architecture.md#tokens-and-approval-keys). Wait, never hammer.
 */
public final class KisIssuanceThrottled extends KisException {

    public KisIssuanceThrottled(String what, int httpStatus, String description) {
        super("KIS throttled " + what + " (HTTP " + httpStatus + " EGW00133 " + description + ")", null, true);
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.REFUSED;
    }
}
