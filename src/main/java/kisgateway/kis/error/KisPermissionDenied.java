package kisgateway.kis.error;

/**
 * The app registration may not make this call here: EGW00206 no API permission, EGW00207 IP, EGW00208 custtype,
 * EGW00210 corporate on paper, EGW00213 / "모의투자 TR 이 아닙니다" real TR on VTS, EGW02004 paper key on the real
 * domain, MCA00124 service not found. A mode or registration mistake: alarm, do not retry.
 */
public final class KisPermissionDenied extends KisException {

    private final String code;

    public KisPermissionDenied(String what, int httpStatus, String code, String description) {
        super("KIS denied " + what + " (HTTP " + httpStatus + " " + code + " " + description + ")", null, true);
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.REFUSED;
    }
}
