package kisgateway.risk;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * KIS ORD_DVSN codes for domestic cash orders: whether the order carries a limit price and on which venues KIS
 * accepts it. Protocol facts, not tunables: KIS's order-cash specification (주식주문(현금)): NXT excludes
 * 01/02/05/06/07; SOR accepts 00, 01, 03, 04, 11-16. When an order type is allowed in a session is
 * configuration ({@code risk.session.*}).
 */
public enum OrderDivision {
    LIMIT("00", true, EnumSet.allOf(Exchange.class)),
    MARKET("01", false, EnumSet.of(Exchange.KRX, Exchange.SOR)),
    CONDITIONAL_LIMIT("02", true, EnumSet.of(Exchange.KRX)),
    BEST_LIMIT("03", false, EnumSet.allOf(Exchange.class)),
    PRIORITY_LIMIT("04", false, EnumSet.allOf(Exchange.class)),
    PRE_MARKET_CLOSING_PRICE("05", false, EnumSet.of(Exchange.KRX)),
    POST_MARKET_CLOSING_PRICE("06", false, EnumSet.of(Exchange.KRX)),
    AFTER_HOURS_SINGLE_PRICE("07", true, EnumSet.of(Exchange.KRX)),
    IOC_LIMIT("11", true, EnumSet.allOf(Exchange.class)),
    FOK_LIMIT("12", true, EnumSet.allOf(Exchange.class)),
    IOC_MARKET("13", false, EnumSet.allOf(Exchange.class)),
    FOK_MARKET("14", false, EnumSet.allOf(Exchange.class)),
    IOC_BEST("15", false, EnumSet.allOf(Exchange.class)),
    FOK_BEST("16", false, EnumSet.allOf(Exchange.class)),
    MID_PRICE("21", false, EnumSet.of(Exchange.KRX, Exchange.NXT)),
    STOP_LIMIT("22", true, EnumSet.of(Exchange.KRX, Exchange.NXT)),
    MID_PRICE_IOC("23", false, EnumSet.of(Exchange.KRX, Exchange.NXT)),
    MID_PRICE_FOK("24", false, EnumSet.of(Exchange.KRX, Exchange.NXT));

    private static final Map<String, OrderDivision> BY_CODE = new HashMap<>();

    static {
        for (OrderDivision d : values()) {
            BY_CODE.put(d.code, d);
        }
    }

    private final String code;
    private final boolean priced;
    private final Set<Exchange> exchanges;

    OrderDivision(String code, boolean priced, Set<Exchange> exchanges) {
        this.code = code;
        this.priced = priced;
        this.exchanges = exchanges;
    }

    public static Optional<OrderDivision> ofCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    public static boolean isKnown(String code) {
        return code != null && BY_CODE.containsKey(code);
    }

    public String code() {
        return code;
    }

    /**
     * True when ORD_UNPR carries the order's limit price. The others are sent with price "0": the exchange sets the
     * price (market, best, mid-point, closing price), so risk uses the last price for their value.
     */
    public boolean priced() {
        return priced;
    }

    public boolean acceptedOn(Exchange exchange) {
        return exchanges.contains(exchange);
    }
}
