package kisgateway.kis;

/** Sell or buy, with the code KIS uses for it in {@code SLL_BUY_DVSN_CD} and {@code SELN_BYOV_CLS}: 01 sell, 02 buy. */
public enum OrderSide {
    SELL("01"),
    BUY("02");

    private final String code;

    OrderSide(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** @return null for a code that is neither 01 nor 02 */
    public static OrderSide fromCode(String code) {
        if ("01".equals(code)) {
            return SELL;
        }
        if ("02".equals(code)) {
            return BUY;
        }
        return null;
    }
}
