package kisgateway.kis.ws;

/**
 * Which of KIS's trade streams carries the last prices and the strategies' ticks: KRX's alone (H0STCNT0, live and
 * paper), or KRX's and Nextrade's in one (H0UNCNT0, 통합; live only), for a gateway whose orders route to NXT or SOR
 * and whose prices must follow both venues. Both cost one registration per symbol.
 */
public enum TradeFeed {
    KRX(TradePrintDecoder.TR_ID, "KRX"),
    INTEGRATED(TradePrintDecoder.INTEGRATED_TR_ID, "KRX+NXT");

    private final String trId;
    private final String exchange;

    TradeFeed(String trId, String exchange) {
        this.trId = trId;
        this.exchange = exchange;
    }

    public String trId() {
        return trId;
    }

    /** The venues a trade of this stream may be from, as the tick's {@code exchange} says. */
    public String exchange() {
        return exchange;
    }

    /** @throws IllegalArgumentException for a name that is no feed, or a feed the mode does not have */
    public static TradeFeed of(String name, boolean paper) {
        TradeFeed feed;
        try {
            feed = valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is no trade feed: KRX or INTEGRATED");
        }
        if (paper && feed == INTEGRATED) {
            throw new IllegalArgumentException("paper (모의투자) has no integrated trade stream " + feed.trId
                    + ": use KRX");
        }
        return feed;
    }
}
