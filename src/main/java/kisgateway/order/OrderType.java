package kisgateway.order;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The KIS order types (ORD_DVSN) the gateway accepts, with what each needs. Source: KIS's order-cash specification
 * (NXT excludes 01/02/05/06/07; SOR takes 00, 01, 03, 04, 11-16). Mid-price (21, 23, 24) and stop-limit (22,
 * which needs CNDT_PRIC) orders are not accepted yet: they are refused at intake, never half-supported.
 */
public enum OrderType {
    LIMIT("00", true, false, EnumSet.allOf(Exchange.class)),
    MARKET("01", false, true, EnumSet.of(Exchange.KRX, Exchange.SOR)),
    CONDITIONAL_LIMIT("02", true, false, EnumSet.of(Exchange.KRX)),
    BEST_LIMIT("03", false, true, EnumSet.allOf(Exchange.class)),
    PRIORITY_LIMIT("04", false, true, EnumSet.allOf(Exchange.class)),
    /** 장전 시간외: at the previous close, no price of its own */
    PRE_MARKET_CLOSE_PRICE("05", false, false, EnumSet.of(Exchange.KRX)),
    /** 장후 시간외: at today's close, no price of its own */
    POST_MARKET_CLOSE_PRICE("06", false, false, EnumSet.of(Exchange.KRX)),
    /** 시간외 단일가 */
    AFTER_HOURS_SINGLE_PRICE("07", true, false, EnumSet.of(Exchange.KRX)),
    IOC_LIMIT("11", true, false, EnumSet.allOf(Exchange.class)),
    FOK_LIMIT("12", true, false, EnumSet.allOf(Exchange.class)),
    IOC_MARKET("13", false, true, EnumSet.allOf(Exchange.class)),
    FOK_MARKET("14", false, true, EnumSet.allOf(Exchange.class)),
    IOC_BEST("15", false, true, EnumSet.allOf(Exchange.class)),
    FOK_BEST("16", false, true, EnumSet.allOf(Exchange.class));

    private final String code;
    private final boolean requiresPrice;
    private final boolean marketLike;
    private final Set<Exchange> exchanges;

    OrderType(String code, boolean requiresPrice, boolean marketLike, Set<Exchange> exchanges) {
        this.code = code;
        this.requiresPrice = requiresPrice;
        this.marketLike = marketLike;
        this.exchanges = exchanges;
    }

    public String code() {
        return code;
    }

    /** The order carries its own limit price (ORD_UNPR); the others send "0". */
    public boolean requiresPrice() {
        return requiresPrice;
    }

    /** Executes at whatever the book offers; KIS margins a market buy at the upper-limit price. */
    public boolean isMarketLike() {
        return marketLike;
    }

    public boolean isAllowedOn(Exchange exchange) {
        return exchanges.contains(exchange);
    }

    public static Optional<OrderType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
