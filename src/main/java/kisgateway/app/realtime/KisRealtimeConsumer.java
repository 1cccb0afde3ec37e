package kisgateway.app.realtime;

import java.time.Duration;
import java.util.List;
import kisgateway.kis.KisAccount;
import kisgateway.kis.ws.ExecutionNotice;
import kisgateway.kis.ws.MalformedNotice;
import kisgateway.kis.ws.RealtimeListener;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one session per selected account on start, closes them on stop, and turns what a session reports into
 * exchanges, one at a time on the session's delivery thread (so notices keep their order):
 * <ul>
 *   <li>each decoded notice: header {@value #NOTICE} = the {@code ExecutionNotice}, body = the raw frame (what a
 *       dead-letter queue keeps), header {@value #ACCOUNT};</li>
 *   <li>a frame it could not read: body = the raw frame, header {@value #MALFORMED} = the reason;</li>
 *   <li>session events: header {@value #SESSION_EVENT} = CONNECTED, DISCONNECTED, STALE or ALARM, body = detail.</li>
 * </ul>
 */
public final class KisRealtimeConsumer extends DefaultConsumer {

    public static final String ACCOUNT = "kisAccount";
    public static final String MALFORMED = "kisMalformedReason";
    public static final String SESSION_EVENT = "kisSessionEvent";
    public static final String NOTICE = "kisNotice";

    private static final Logger LOG = LoggerFactory.getLogger(KisRealtimeConsumer.class);

    private final KisRealtimeEndpoint endpoint;
    private List<KisAccount> opened = List.of();

    KisRealtimeConsumer(KisRealtimeEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        opened = endpoint.selectedAccounts();
        for (KisAccount account : opened) {
            endpoint.sessions().open(account, new Listener(account.alias()));
            LOG.info("execution-notice session opened account={}", account.alias());
        }
    }

    @Override
    protected void doStop() throws Exception {
        for (KisAccount account : opened) {
            endpoint.sessions().closeFor(account.alias());
        }
        opened = List.of();
        super.doStop();
    }

    private void emit(Exchange exchange, String account) {
        exchange.getMessage().setHeader(ACCOUNT, account);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        boolean failed = exchange.getException() != null || exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null;
        if (exchange.getException() != null) {
            // neither processed nor dead-lettered (database or broker down)
            getExceptionHandler().handleException("execution notice not processed for account " + account
                    + "; it will be recovered by the next backfill", exchange, exchange.getException());
        }
        if (failed && exchange.getMessage().getHeader(SESSION_EVENT) == null) {
            // a notice that was not applied (dead-lettered or failed) may have been a fill: the gap backfill
            // finds it at KIS once the books are reachable again, so nothing is lost
            Exchange backfill = createExchange(false);
            backfill.getMessage().setHeader(ACCOUNT, account);
            backfill.getMessage().setHeader(SESSION_EVENT, "PROCESSING_FAILED");
            try {
                getProcessor().process(backfill);
            } catch (Exception ignored) {
                // reported above
            } finally {
                releaseExchange(backfill, false);
            }
        }
        releaseExchange(exchange, false);
    }

    private final class Listener implements RealtimeListener {
        private final String account;

        Listener(String account) {
            this.account = account;
        }

        @Override
        public void onNotices(List<ExecutionNotice> notices, String rawFrame) {
            for (ExecutionNotice notice : notices) {
                Exchange exchange = createExchange(false);
                exchange.getMessage().setHeader(NOTICE, notice);
                exchange.getMessage().setBody(rawFrame);
                emit(exchange, account);
            }
        }

        @Override
        public void onMalformed(MalformedNotice malformed) {
            Exchange exchange = createExchange(false);
            exchange.getMessage().setBody(malformed.rawFrame());
            exchange.getMessage().setHeader(MALFORMED, malformed.reason());
            emit(exchange, account);
        }

        @Override
        public void onConnected() {
            event("CONNECTED", "subscribed");
        }

        @Override
        public void onDisconnected(String reason) {
            event("DISCONNECTED", reason);
        }

        @Override
        public void onStale(Duration silentFor) {
            event("STALE", "no frame for " + silentFor.toSeconds() + " s");
        }

        @Override
        public void onAlarm(String reason) {
            event("ALARM", reason);
        }

        private void event(String type, String detail) {
            Exchange exchange = createExchange(false);
            exchange.getMessage().setHeader(SESSION_EVENT, type);
            exchange.getMessage().setBody(detail);
            emit(exchange, account);
        }
    }
}
