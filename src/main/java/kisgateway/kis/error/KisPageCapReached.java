package kisgateway.kis.error;

/** KIS still reported more pages after the configured cap: the listing is incomplete and must not be trusted. */
public final class KisPageCapReached extends KisException {

    private final int cap;

    public KisPageCapReached(String what, int cap) {
        super(what + " still has more pages after the cap of " + cap + " pages: result incomplete", null, false);
        this.cap = cap;
    }

    public int cap() {
        return cap;
    }

    @Override
    public SendOutcome sendOutcome() {
        return SendOutcome.NOT_SENT;
    }
}
