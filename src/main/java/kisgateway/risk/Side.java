package kisgateway.risk;

/** Buy or sell; KIS codes these 02 / 01, which stay in the KIS adapter. */
public enum Side {
    BUY,
    SELL;

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
