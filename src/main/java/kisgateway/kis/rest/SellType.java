package kisgateway.kis.rest;

/** {@code SLL_TYPE} of a sell order: 01 normal (KIS's default), 02 discretionary, 05 borrowed-stock sale. */
public enum SellType {
    NORMAL("01"),
    DISCRETIONARY("02"),
    BORROWED("05");

    private final String code;

    SellType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
