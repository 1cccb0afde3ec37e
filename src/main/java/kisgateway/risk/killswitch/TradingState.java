package kisgateway.risk.killswitch;

/**
 * A kill switch's position, least to most restrictive. REDUCING lets only risk-reducing orders through (in a cash
 * account: sells of shares held); HALTED lets no new order or revision through. Cancels pass in every state.
 */
public enum TradingState {
    ACTIVE,
    REDUCING,
    HALTED;

    public TradingState mostRestrictive(TradingState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
