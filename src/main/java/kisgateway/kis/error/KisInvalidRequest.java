package kisgateway.kis.error;

/** Not sent: the request breaks a protocol rule KIS would reject it for (e.g. NXT on paper, fractional won price). */
public final class KisInvalidRequest extends KisException {

    public KisInvalidRequest(String reason) {
        super(reason, null, true);
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.NOT_SENT;
    }
}
