package kisgateway.app.adapter.api;

/**
 * Who reads an order over REST: a strategy, by its API key, which sees only its own orders, or the operator, by
 * the login of /api/admin, who sees every strategy's.
 *
 * @param strategyId the reading strategy; null for the operator
 * @param operator   the operator's user name; null for a strategy
 */
public record OrderReader(String strategyId, String operator) {

    public static OrderReader strategy(String strategyId) {
        return new OrderReader(strategyId, null);
    }

    public static OrderReader operator(String user) {
        return new OrderReader(null, user);
    }

    public boolean isOperator() {
        return strategyId == null;
    }

    /** Whether the reader may see an order of this strategy. */
    public boolean maySee(String orderStrategyId) {
        return isOperator() || strategyId.equals(orderStrategyId);
    }
}
