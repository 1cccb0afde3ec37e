package kisgateway.kis.error;

/** EGW00103 invalid AppKey / EGW00105 invalid AppSecret: configuration is wrong; retrying cannot help. */
public final class KisCredentialsRejected extends KisException {

    private final String code;

    public KisCredentialsRejected(String what, int httpStatus, String code, String description) {
        super("KIS refused the app credentials on " + what + " (HTTP " + httpStatus + " " + code + " "
                + description + ")", null, true);
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
