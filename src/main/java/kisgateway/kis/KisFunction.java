package kisgateway.kis;

/**
 * The domestic-stock functions this gateway calls, each with its REST method and path (docs/architecture.md#tr-ids).
 */
public enum KisFunction {
    CASH_BUY("POST", "/uapi/domestic-stock/v1/trading/order-cash"),
    CASH_SELL("POST", "/uapi/domestic-stock/v1/trading/order-cash"),
    REVISE_CANCEL("POST", "/uapi/domestic-stock/v1/trading/order-rvsecncl"),
    REVISABLE_ORDERS("GET", "/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl"),
    /** inquire-daily-ccld for the last three months. */
    DAILY_EXECUTIONS_RECENT("GET", "/uapi/domestic-stock/v1/trading/inquire-daily-ccld"),
    /** inquire-daily-ccld older than three months (same path, another TR). */
    DAILY_EXECUTIONS_OLDER("GET", "/uapi/domestic-stock/v1/trading/inquire-daily-ccld"),
    BALANCE("GET", "/uapi/domestic-stock/v1/trading/inquire-balance"),
    BUYING_POWER("GET", "/uapi/domestic-stock/v1/trading/inquire-psbl-order"),
    SELLABLE_QUANTITY("GET", "/uapi/domestic-stock/v1/trading/inquire-psbl-sell"),
    PRICE("GET", "/uapi/domestic-stock/v1/quotations/inquire-price");

    private final String method;
    private final String path;

    KisFunction(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Orders change state at the broker: never resend one blindly after an unclear outcome. */
    public boolean isOrder() {
        return this == CASH_BUY || this == CASH_SELL || this == REVISE_CANCEL;
    }
}
