package kisgateway.app.wiring;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import kisgateway.app.adapter.api.ParticipationAnswers;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.service.jobs.KillSwitchStrategyBrake;
import kisgateway.app.service.jobs.TicketWebhookSettings;
import kisgateway.kis.ws.TradePrint;
import kisgateway.ops.participation.JdbcExecutedVolume;
import kisgateway.ops.participation.MarketVolume;
import kisgateway.ops.participation.ParticipationReview;
import kisgateway.ops.participation.ParticipationSettings;
import kisgateway.ops.tickets.ReviewTickets;
import kisgateway.risk.killswitch.KillSwitchBoard;

/** The participation review from {@code ops.participation.*}, by bean name; answers the trade stream's tap. */
public final class ParticipationWiring {

    private ParticipationWiring() {
    }

    /** @return what the trade stream hands each batch of prints to */
    public static Consumer<List<TradePrint>> wire(GatewayConfig config, DataSource dataSource, KillSwitchBoard board,
                                                  Clock clock, Map<String, Object> beans) {
        ParticipationSettings settings;
        try {
            settings = new ParticipationSettings(config.millis("ops.participation.bucket-ms"),
                    config.decimal("ops.participation.max-share"), config.longValue("ops.participation.min-market-volume"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ops.participation.*: " + e.getMessage());
        }
        ParticipationReview review = new ParticipationReview(new MarketVolume(settings.bucket(), 4),
                new JdbcExecutedVolume(dataSource),
                new ReviewTickets(dataSource, clock, TicketWebhookSettings.from(config).isPresent()),
                new KillSwitchStrategyBrake(board), settings, clock);
        beans.put("participationReview", review);
        beans.put("participationAnswers", new ParticipationAnswers(review));
        return prints -> prints.stream().filter(TradePrint::trade)
                .forEach(p -> review.onTrade(p.symbol(), p.time(), p.cumulativeVolume(), p.tradeVolume()));
    }

}
