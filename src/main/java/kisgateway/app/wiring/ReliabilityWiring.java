package kisgateway.app.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.app.service.streams.RealtimeSessions;
import kisgateway.fill.NoticeStreamWatch;
import kisgateway.kis.ws.KisRealtimeSession;
import kisgateway.ops.reliability.BookGauges;
import kisgateway.ops.reliability.JdbcStreamIncidentStore;
import kisgateway.ops.reliability.OrderOutcomeMeters;
import kisgateway.ops.reliability.StreamIncidents;

/**
 * Reliability (issue 20): the stream's incidents from its sessions and its watch, the order outcome meters and
 * the books' gauges, by bean name for routes/fills.camel.yaml and routes/reliability.camel.yaml.
 */
public final class ReliabilityWiring {

    private ReliabilityWiring() {
    }

    public static void wire(GatewayConfig config, KisAccounts accounts, DataSource dataSource,
                            RealtimeSessions sessions, NoticeStreamWatch watch,
                            String instanceId, kisgateway.app.service.leadership.KisLeadership leadership, MeterRegistry meters,
                            Clock clock, Map<String, Object> beans) {
        StreamIncidents incidents = new StreamIncidents(new JdbcStreamIncidentStore(dataSource, instanceId),
                accounts.aliases(), account -> accounts.require(account).appKey().label(),
                account -> sessions.of(account).map(s -> condition(s, watch.status(account).condition())), meters,
                clock);
        // what a backfill found, as the watch took it in: the GAP, and the STALE quiet period it had hidden
        watch.whenChecked(f -> incidents.checked(f.account(), f.recovered(), f.quietSince()));
        beans.put("streamIncidents", incidents);
        OrderOutcomeMeters outcomes = new OrderOutcomeMeters(dataSource, meters,
                config.millis("reliability.outcomes.settle-ms"), config.millis("reliability.ack-latency-bound-ms"),
                config.integer("reliability.outcomes.batch-size"), accounts.aliases(), clock);
        // the outcomes are counted by the KIS leader (routes/reliability.camel.yaml, master:): a leader again
        // starts from now, not from where it stopped counting
        leadership.onGain(outcomes::startOver);
        beans.put("orderOutcomeMeters", outcomes);
        beans.put("bookGauges", new BookGauges(dataSource, accounts.aliases(), meters, clock));
    }

    static StreamIncidents.Condition condition(KisRealtimeSession session, NoticeStreamWatch.Condition watched) {
        boolean refused = session.state() == KisRealtimeSession.State.BROKEN
                || !session.isLive() && session.refusedReconnect().isPresent();
        return new StreamIncidents.Condition(session.isLive(), watched == NoticeStreamWatch.Condition.NO_FRAME,
                watched == NoticeStreamWatch.Condition.GAP, refused);
    }

}
