package kisgateway.app.adapter.api;

import kisgateway.order.StrategyPermissions;

/**
 * Authenticates the reader of GET /api/orders/{id}: a strategy's API key (X-Api-Key) or the operator's HTTP Basic
 * login, the one /api/admin takes. A request with both is refused rather than read as either: which identity
 * decides what it may see must not depend on a precedence the caller may not know.
 */
public final class OrderReaders {

    private final StrategyPermissions strategies;
    private final TradingStateAdmin operator;

    public OrderReaders(StrategyPermissions strategies, TradingStateAdmin operator) {
        this.strategies = strategies;
        this.operator = operator;
    }

    public OrderReader authenticate(String apiKey, String authorization) {
        boolean key = apiKey != null && !apiKey.isEmpty();
        boolean basic = authorization != null && !authorization.isEmpty();
        if (key && basic) {
            throw new IllegalArgumentException("send either X-Api-Key (a strategy) or the operator's Authorization, not both");
        }
        if (basic) {
            return OrderReader.operator(operator.authenticate(authorization));
        }
        return OrderReader.strategy(strategies.authenticate(apiKey));
    }
}
