package kisgateway.sim.trading;

/** SLL_BUY_DVSN_CD / SELN_BYOV_CLS: "01" sell, "02" buy. */
public enum Side {
    SELL("01", "매도"),
    BUY("02", "매수");

    private final String code;
    private final String koreanName;

    Side(String code, String koreanName) {
        this.code = code;
        this.koreanName = koreanName;
    }

    public String code() {
        return code;
    }

    public String koreanName() {
        return koreanName;
    }

    public boolean isBuy() {
        return this == BUY;
    }
}
