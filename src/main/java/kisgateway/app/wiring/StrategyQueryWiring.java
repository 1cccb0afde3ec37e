package kisgateway.app.wiring;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import kisgateway.app.adapter.api.OrderApiResponses;
import kisgateway.app.adapter.api.StrategyQueryAnswers;
import kisgateway.app.adapter.api.JmsReplyDestinations;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.order.IntentSenderBinding;
import kisgateway.order.MarketPrices;
import kisgateway.order.StrategyPermissions;
import kisgateway.query.JdbcAccountHoldings;
import kisgateway.query.JdbcOpenOrders;

/**
 * The strategies' queries (routes/strategy-queries.camel.yaml) from {@code queries.*} and each strategy's
 * {@code gateway.strategy.<id>.sees-account-orders}.
 */
public final class StrategyQueryWiring {

    private StrategyQueryWiring() {
    }

    public static void wire(GatewayConfig config, Set<String> accounts, DataSource dataSource, MarketPrices prices,
                            Clock clock, Map<String, Object> beans) {
        StrategyPermissions permissions = (StrategyPermissions) beans.get("strategyPermissions");
        StrategyQueryAnswers.LastPrices last = symbol -> prices.last(symbol).flatMap(price -> prices.lastAge(symbol)
                .map(age -> new StrategyQueryAnswers.PriceSeen(price, age)));
        StrategyQueryAnswers answers;
        try {
            answers = new StrategyQueryAnswers(permissions, (IntentSenderBinding) beans.get("intentSenderBinding"),
                    seeAccountOrders(config, permissions.strategyIds()), accounts, new JdbcOpenOrders(dataSource, clock),
                    new JdbcAccountHoldings(dataSource, clock), last, (OrderApiResponses) beans.get("orderApiResponses"), clock,
                    config.integer("queries.orders.default-limit"), config.integer("queries.orders.max-limit"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        beans.put("strategyQueryAnswers", answers);
        beans.put("jmsReplyDestinations", new JmsReplyDestinations());
    }

    /** The strategies with {@code gateway.strategy.<id>.sees-account-orders = true}. */
    public static Set<String> seeAccountOrders(GatewayConfig config, Set<String> strategies) {
        Set<String> out = new HashSet<>();
        for (String id : strategies) {
            String key = "gateway.strategy." + id + ".sees-account-orders";
            if (config.has(key) && config.bool(key)) {
                out.add(id);
            }
        }
        return out;
    }
}
