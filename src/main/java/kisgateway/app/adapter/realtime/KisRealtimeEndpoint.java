package kisgateway.app.adapter.realtime;

import java.util.List;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.app.service.streams.RealtimeSessions;
import kisgateway.kis.KisAccount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** The execution-notice stream of some (default: all) of the gateway's accounts. Consumer only. */
@UriEndpoint(firstVersion = "4.17.0", scheme = "kis-realtime", title = "KIS realtime", syntax = "kis-realtime:notices",
        consumerOnly = true, category = {Category.FINANCE})
public final class KisRealtimeEndpoint extends DefaultEndpoint {

    private final RealtimeSessions sessions;
    private final KisAccounts accounts;
    private final MeterRegistry meters;

    @UriParam(description = "Comma-separated account aliases, or * for every account of the gateway", defaultValue = "*")
    private String accountAliases = "*";

    @UriParam(description = "Notices held at most while the route is behind (its database stalled); past it a notice"
            + " is dropped and its account backfilled", defaultValue = "50000")
    private int inboxCapacity = 50_000;

    KisRealtimeEndpoint(String uri, KisRealtimeComponent component, RealtimeSessions sessions, KisAccounts accounts,
                        MeterRegistry meters) {
        super(uri, component);
        this.sessions = sessions;
        this.accounts = accounts;
        this.meters = meters;
    }

    public int getInboxCapacity() {
        return inboxCapacity;
    }

    public void setInboxCapacity(int inboxCapacity) {
        this.inboxCapacity = inboxCapacity;
    }

    void countDropped(String account, long frames) {
        Counter.builder("kis.fills.inbox.dropped")
                .description("execution-notice frames dropped because the notice inbox was full (each one backfilled)")
                .tags("account", account).register(meters).increment(frames);
    }

    void watchInbox(NoticeInbox inbox) {
        // the consumer of a restarted route replaces the one before it
        meters.find("kis.fills.inbox.notices").gauges().forEach(meters::remove);
        meters.find("kis.fills.inbox.capacity").gauges().forEach(meters::remove);
        Gauge.builder("kis.fills.inbox.notices", inbox, NoticeInbox::queuedNotices)
                .description("execution notices received and not yet applied (bounded by the inbox capacity)")
                .register(meters);
        Gauge.builder("kis.fills.inbox.capacity", inbox, NoticeInbox::capacity)
                .description("execution notices the inbox holds at most").register(meters);
    }

    public String getAccounts() {
        return accountAliases;
    }

    public void setAccounts(String accounts) {
        this.accountAliases = accounts;
    }

    List<KisAccount> selectedAccounts() {
        if (accountAliases == null || accountAliases.isBlank() || accountAliases.trim().equals("*")) {
            return List.copyOf(accounts.all());
        }
        return java.util.Arrays.stream(accountAliases.split(",")).map(String::trim).map(accounts::require).toList();
    }

    RealtimeSessions sessions() {
        return sessions;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("kis-realtime only consumes");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        KisRealtimeConsumer consumer = new KisRealtimeConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
