package kisgateway.app.realtime;

import java.util.List;
import kisgateway.app.kis.KisAccounts;
import kisgateway.kis.KisAccount;
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

    @UriParam(description = "Comma-separated account aliases, or * for every account of the gateway", defaultValue = "*")
    private String accountAliases = "*";

    KisRealtimeEndpoint(String uri, KisRealtimeComponent component, RealtimeSessions sessions, KisAccounts accounts) {
        super(uri, component);
        this.sessions = sessions;
        this.accounts = accounts;
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
