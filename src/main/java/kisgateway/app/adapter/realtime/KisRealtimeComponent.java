package kisgateway.app.adapter.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.app.service.streams.RealtimeSessions;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code kis-realtime:notices[?accounts=a,b&inboxCapacity=n]}: the KIS execution-notice stream (H0STCNI0, paper H0STCNI9) as a
 * Camel consumer. camel-vertx-websocket 4.17's client reconnects at a fixed interval, has no hook to re-send the
 * subscribe frame and can hold overlapping sockets (CAMEL-25582), so the session is kisgateway.kis's own: one
 * socket per app key, back-off with jitter, a breaker, re-subscription and in-order delivery.
 */
public final class KisRealtimeComponent extends DefaultComponent {

    private final RealtimeSessions sessions;
    private final KisAccounts accounts;
    private final MeterRegistry meters;

    public KisRealtimeComponent(RealtimeSessions sessions, KisAccounts accounts, MeterRegistry meters) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.meters = meters;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!remaining.equals("notices")) {
            throw new IllegalArgumentException("kis-realtime offers 'notices' only, not '" + remaining + "'");
        }
        KisRealtimeEndpoint endpoint = new KisRealtimeEndpoint(uri, this, sessions, accounts, meters);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
