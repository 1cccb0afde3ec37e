package kisgateway.kis.error;

/** EGW00201 초당 거래건수를 초과하였습니다: KIS refused the call for the per-second limit (seen on 500 and 200). */
public final class KisRateLimited extends KisException {

    private final String trId;
    private final int httpStatus;

    public KisRateLimited(String trId, int httpStatus, String msg1) {
        super("KIS rate limit hit on " + trId + " (HTTP " + httpStatus + " EGW00201 " + msg1 + ")", null, true);
        this.trId = trId;
        this.httpStatus = httpStatus;
    }

    public String trId() {
        return trId;
    }

    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.REFUSED;
    }
}
