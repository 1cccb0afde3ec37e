package kisgateway.app.wiring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import kisgateway.app.adapter.api.ParentOrderAnswers;
import kisgateway.app.broker.ParentEventRelay;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.kis.ws.TradePrint;
import kisgateway.order.GatedPreTradeCheck;
import kisgateway.order.ParentIntentParser;
import kisgateway.order.parent.ChildSendAllowance;
import kisgateway.order.parent.CumulativeVolumes;
import kisgateway.order.parent.JdbcParentOrderStore;
import kisgateway.order.parent.ParentEventOutbox;
import kisgateway.order.parent.ParentOrchestrator;
import kisgateway.order.parent.ParentOrderDesk;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.risk.session.KrxSessionCalendar;

/** Parent orders (issue 22) from {@code parent-orders.*}, by bean name for routes/parent-orders.camel.yaml. */
public final class ParentOrderWiring {

    private ParentOrderWiring() {
    }

    /** What the rest of the gateway holds of the parent orders: the trade stream's tap, the relay to close. */
    public record Parts(Consumer<List<TradePrint>> tradeTap, ParentEventRelay relay) {
    }

    /** The PARENT intent's limits, for the intent parser. */
    public static ParentIntentParser intentParser(GatewayConfig config) {
        try {
            return new ParentIntentParser(new ParentIntentParser.Limits(config.integer("parent-orders.max-slices"),
                    config.millis("parent-orders.min-interval-ms"), config.millis("parent-orders.max-window-ms"),
                    new BigDecimal(config.require("parent-orders.max-pov-percent"))));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** Asks for the symbol on the trade stream (a price read does); a failed read only leaves it for the next round. */
    private static void watch(kisgateway.order.MarketPrices prices, String account, String symbol) {
        try {
            prices.ensureFresh(account, symbol, Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ParentOrderWiring.class).debug("symbol not yet streamed symbol={} cause={}",
                    symbol, e.toString());
        }
    }

    public static Parts wire(GatewayConfig config, DataSource dataSource, kisgateway.order.JdbcOrderStore orders,
                             KisAccounts accounts, int permitsPerSecond,
                             GatedPreTradeCheck riskCheck, kisgateway.order.MarketPrices prices, KrxSessionCalendar calendar, KillSwitchBoard killSwitches,
                             jakarta.jms.ConnectionFactory connections, Clock clock, Map<String, Object> beans) {
        JdbcParentOrderStore store = new JdbcParentOrderStore(dataSource, clock);
        ChildSendAllowance allowance;
        try {
            allowance = new ChildSendAllowance(ChildSendAllowance.share(permitsPerSecond,
                    new BigDecimal(config.require("parent-orders.budget-share"))),
                    account -> accounts.require(account).appKey().id(), clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("parent-orders.budget-share: " + e.getMessage());
        }
        Duration childTtl = config.millis("parent-orders.child-ttl-ms");
        CumulativeVolumes volumes = new CumulativeVolumes();
        beans.put("parentOrderStore", store);
        beans.put("parentOrderAnswers", new ParentOrderAnswers(store));
        beans.put("parentOrderDesk", new ParentOrderDesk(store, calendar, (p, quantity, at, wait) -> riskCheck.preview(
                p.account(), p.strategyId(), p.symbol(), p.side(), quantity, p.price(), p.orderType(), p.exchange(), at,
                wait), (strategy, client) -> orders.byClientOrderId(strategy, client).isPresent(), clock));
        beans.put("parentOrchestrator", new ParentOrchestrator(store,
                (account, strategy) -> killSwitches.known()
                        && killSwitches.effectiveState(account, strategy).state() == TradingState.ACTIVE,
                volumes::of, (account, symbol) -> watch(prices, account, symbol), allowance, new ParentOrchestrator.Settings(childTtl,
                        config.millis("parent-orders.cancel-after-end-ms"),
                        config.integer("parent-orders.max-refused-children")), clock));
        ParentEventRelay relay = new ParentEventRelay(connections, new ParentEventOutbox(store),
                config.integer("outbox.batch-size"));
        beans.put("parentEventRelay", relay);
        return new Parts(prints -> prints.stream().filter(TradePrint::trade)
                .forEach(p -> volumes.observe(p.symbol(), p.cumulativeVolume())), relay);
    }
}
