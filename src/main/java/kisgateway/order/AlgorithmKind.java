package kisgateway.order;

/** How a parent order is sliced into children (issue 22). */
public enum AlgorithmKind {
    /** Equal shares of the quantity at equal intervals between the start and the end, then a final catch-up. */
    TWAP,
    /** A target share of the market's volume since the start (the trade stream's cumulative volume), capped per child. */
    POV,
    /** As fast as the parents' share of the app key's budget allows, at the limit, capped per child. */
    LIMIT_SWEEP;

    /** The name an intent gives it: {@code LIMIT-SWEEP} for {@link #LIMIT_SWEEP}. */
    public String wireName() {
        return name().replace('_', '-');
    }
}
