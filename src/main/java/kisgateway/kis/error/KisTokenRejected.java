package kisgateway.kis.error;

/** The access token was refused (EGW00123 expired, EGW00121 invalid, EGW00122 not found): refresh once, retry once. */
public final class KisTokenRejected extends KisException {

    public enum Reason {
        EXPIRED("EGW00123"),
        INVALID("EGW00121"),
        NOT_FOUND("EGW00122");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final int httpStatus;

    public KisTokenRejected(Reason reason, String trId, int httpStatus, String msg1) {
        super("KIS refused the access token on " + trId + " (HTTP " + httpStatus + " " + reason.code() + " "
                + msg1 + ")", null, true);
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
        return SendOutcome.REFUSED;
    }
}
