package kisgateway.kis.error;

/** The request never left: connection refused, connect timeout, unknown host. Resending is safe. */
public final class KisUnavailableBeforeSend extends KisException {

    public enum Reason {
        CONNECTION_REFUSED,
        CONNECT_TIMEOUT,
        UNKNOWN_HOST,
        INTERRUPTED_BEFORE_SEND,
        CLIENT_CLOSED,
        /** This instance does not send for the app key (another one leads the cluster). */
        NOT_THE_SENDER,
        /** The cluster's issuance lock for the key was not to be had: no credential issued, tried again later. */
        NO_ISSUANCE_LOCK
    }

    private final Reason reason;

    public KisUnavailableBeforeSend(Reason reason, String what, Throwable cause) {
        super(what + " not sent: " + reason, cause, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.NOT_SENT;
    }
}
