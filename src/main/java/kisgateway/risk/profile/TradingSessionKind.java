package kisgateway.risk.profile;

import java.util.EnumSet;
import java.util.Set;
import kisgateway.risk.Exchange;

/**
 * The sessions a strategy may declare that it trades in. On KRX they are told apart by the order's ORD_DVSN: 05 is
 * the pre-open off-hours order at the previous close (장전 시간외 종가), 06 the post-close off-hours order at the
 * close (장후 시간외 종가), 07 the after-hours single-price order (시간외 단일가); every other code is a regular-session
 * order (the opening and closing auctions included). An order routed to NXT trades there; one routed by SOR may.
 */
public enum TradingSessionKind {
    REGULAR,
    PRE_MARKET,
    AFTER_CLOSE,
    AFTER_HOURS_SINGLE_PRICE,
    NXT;

    /** Every session: the profile of a strategy that declares none (the gateway's behaviour before profiles). */
    public static final Set<TradingSessionKind> ALL = Set.copyOf(EnumSet.allOf(TradingSessionKind.class));

    /**
     * The sessions an order needs its strategy to have declared: its KRX session by ORD_DVSN, NXT when routed
     * there, both when KIS's smart routing may send it either way.
     */
    public static Set<TradingSessionKind> requiredBy(String orderType, Exchange exchange) {
        TradingSessionKind krx = switch (orderType == null ? "" : orderType) {
            case "05" -> PRE_MARKET;
            case "06" -> AFTER_CLOSE;
            case "07" -> AFTER_HOURS_SINGLE_PRICE;
            default -> REGULAR;
        };
        return switch (exchange) {
            case KRX -> Set.of(krx);
            case NXT -> Set.of(NXT);
            case SOR -> Set.of(krx, NXT);
        };
    }
}
