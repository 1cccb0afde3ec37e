package kisgateway.sim.trading;

/** ODER_COND of the execution notice and ccld_cndt_name of the order list. */
public enum OrderCondition {
    NONE("0", "없음"),
    IOC("1", "IOC"),
    FOK("2", "FOK");

    private final String code;
    private final String koreanName;

    OrderCondition(String code, String koreanName) {
        this.code = code;
        this.koreanName = koreanName;
    }

    public String code() {
        return code;
    }

    public String koreanName() {
        return koreanName;
    }
}
