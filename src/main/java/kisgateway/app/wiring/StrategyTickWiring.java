package kisgateway.app.wiring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import kisgateway.app.service.leadership.KisLeadership;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.service.streams.StrategyTickSubscriptions;
import kisgateway.app.service.streams.TradeStreamSubscriptions;
import kisgateway.kis.ws.TradePrint;
import kisgateway.market.JdbcTickLeaseStore;
import kisgateway.market.TickOutbox;

/** The strategies' ticks from {@code market.ticks.*}, by bean name; answers the trade stream's tap. */
public final class StrategyTickWiring {

    /** Where the ticks go (routes/market-ticks.camel.yaml, config/artemis/broker.xml). */
    public static final String ADDRESS = "kis.market.ticks";

    private StrategyTickWiring() {
    }

    /** @return what the trade stream hands each batch of prints to */
    public static Consumer<List<TradePrint>> wire(GatewayConfig config, TradeStreamSubscriptions stream,
                                                  int tradeRegistrations, String exchange, DataSource dataSource,
                                                  KisLeadership leadership, MeterRegistry meters, Clock clock,
                                                  Map<String, Object> beans) {
        StrategyTickSubscriptions subscriptions;
        TickOutbox outbox;
        try {
            subscriptions = new StrategyTickSubscriptions(stream, new JdbcTickLeaseStore(dataSource),
                    config.millis("market.ticks.lease-ms"), tradeRegistrations, ADDRESS,
                    (user, claimed) -> ((kisgateway.order.IntentSenderBinding) beans.get("intentSenderBinding"))
                            .strategyOf(user, claimed, "tick subscription request"), clock);
            outbox = new TickOutbox(config.integer("market.ticks.buffer-capacity"), subscriptions::wanted, exchange,
                    clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("market.ticks.*: " + e.getMessage());
        }
        leadership.onGain(subscriptions::takeOver);
        leadership.onLoss(subscriptions::handOver);
        FunctionCounter.builder("kis.market.ticks.dropped", outbox, TickOutbox::dropped)
                .description("trades strategies lease that were dropped because the publisher was behind by "
                        + "market.ticks.buffer-capacity").register(meters);
        io.micrometer.core.instrument.Gauge.builder("kis.market.trade.registrations", stream,
                        s -> s.registered().size())
                .description("symbols registered on the trade stream (last prices and strategies' ticks, held ones "
                        + "included), out of the session's " + tradeRegistrations).register(meters);
        io.micrometer.core.instrument.Gauge.builder("kis.market.ticks.leased.symbols", subscriptions,
                        StrategyTickSubscriptions::leasedSymbols)
                .description("symbols at least one strategy leases ticks of (on the KIS leader)").register(meters);
        beans.put("strategyTickSubscriptions", subscriptions);
        beans.put("tickOutbox", outbox);
        return outbox::offer;
    }
}
