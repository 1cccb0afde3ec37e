package kisgateway.kis;

/** {@code EXCG_ID_DVSN_CD} of an order: KRX (default), NXT (Nextrade) or SOR (smart routing). Paper knows only KRX. */
public enum OrderExchange {
    KRX,
    NXT,
    SOR;

    /** The wire code; equal to the name for all three. */
    public String code() {
        return name();
    }
}
