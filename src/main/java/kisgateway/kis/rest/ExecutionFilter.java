package kisgateway.kis.rest;

/** {@code CCLD_DVSN} of inquire-daily-ccld: 00 all orders, 01 filled only, 02 unfilled only. */
public enum ExecutionFilter {
    ALL("00"),
    FILLED("01"),
    UNFILLED("02");

    private final String code;

    ExecutionFilter(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
