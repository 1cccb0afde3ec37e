package kisgateway.kis.rest;

/**
 * {@code ORD_DVSN} codes of order-cash for KRX (docs/architecture.md#tr-ids); NXT and SOR accept subsets, KIS
 * rejects the rest.
 */
public enum OrderDivision {
    LIMIT("00", true),
    MARKET("01", false),
    CONDITIONAL_LIMIT("02", true),
    BEST_LIMIT("03", false),
    FIRST_BEST_LIMIT("04", false),
    PRE_MARKET_OFF_HOURS("05", false),
    POST_MARKET_OFF_HOURS("06", false),
    OFF_HOURS_SINGLE_PRICE("07", true),
    IOC_LIMIT("11", true),
    FOK_LIMIT("12", true),
    IOC_MARKET("13", false),
    FOK_MARKET("14", false),
    IOC_BEST("15", false),
    FOK_BEST("16", false),
    MID_PRICE("21", false),
    STOP_LIMIT("22", true),
    MID_PRICE_IOC("23", false),
    MID_PRICE_FOK("24", false);

    private final String code;
    private final boolean needsPrice;

    OrderDivision(String code, boolean needsPrice) {
        this.code = code;
        this.needsPrice = needsPrice;
    }

    public String code() {
        return code;
    }

    /** The order carries its own limit price; the others send ORD_UNPR "0" (spec: "0" for market etc.). */
    public boolean needsPrice() {
        return needsPrice;
    }

    public static OrderDivision fromCode(String code) {
        for (OrderDivision division : values()) {
            if (division.code.equals(code)) {
                return division;
            }
        }
        throw new IllegalArgumentException("unknown ORD_DVSN " + code);
    }
}
