package kisgateway.app.adapter.realtime;

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
 * exchanges, in arrival order, one exchange at a time on one dispatch thread:
 * <ul>
 *   <li>decoded notices: header {@value #NOTICES} = the {@code ExecutionNotice}s that arrived back to back (up to
 *       {@value #MAX_BATCH}: a burst of fills is applied in one transaction), body = their raw frames, one per
 *       line (what a dead-letter queue keeps), header {@value #ACCOUNT};</li>
 *   <li>a frame it could not read: body = the raw frame, header {@value #MALFORMED} = the reason;</li>
 *   <li>session events: header {@value #SESSION_EVENT} = CONNECTED, DISCONNECTED, STALE, ALARM or
 *       NOTICES_DROPPED (notices that found the inbox, or the session's delivery, full), body = detail.</li>
 * </ul>
 * The inbox is bounded ({@link NoticeInbox}): a dispatch that stalls (the database not answering) costs at most its
 * capacity in memory, and the notices that did not fit are backfilled.
 */
public final class KisRealtimeConsumer extends DefaultConsumer {

    public static final String ACCOUNT = "kisAccount";
    public static final String MALFORMED = "kisMalformedReason";
    public static final String SESSION_EVENT = "kisSessionEvent";
    public static final String NOTICES = "kisNotices";
    static final int MAX_BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(KisRealtimeConsumer.class);

    private final KisRealtimeEndpoint endpoint;
    private List<KisAccount> opened = List.of();
    private final NoticeInbox inbox;
    private Thread dispatcher;

    KisRealtimeConsumer(KisRealtimeEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.inbox = new NoticeInbox(endpoint.getInboxCapacity(), endpoint::countDropped);
        endpoint.watchInbox(inbox);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        dispatcher = new Thread(this::dispatch, "kis-realtime-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
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
        if (dispatcher != null) {
            // what is queued is delivered before the consumer stops
            inbox.stop();
            dispatcher.join(30_000);
            dispatcher = null;
        }
        super.doStop();
    }

    private void dispatch() {
        List<NoticeInbox.Item> batch = new java.util.ArrayList<>();
        try {
            NoticeInbox.Item next = inbox.take();
            while (next != NoticeInbox.Item.STOP) {
                NoticeInbox.Item after = null;
                if (next.notice() != null) {
                    batch.add(next);
                    // gather the notices of the same account that are already waiting
                    while (batch.size() < MAX_BATCH) {
                        NoticeInbox.Item peek = inbox.poll();
                        if (peek == null) {
                            break;
                        }
                        if (peek.notice() == null || !peek.account().equals(next.account())) {
                            after = peek;
                            break;
                        }
                        batch.add(peek);
                    }
                    emitNotices(batch);
                    batch.clear();
                } else {
                    emitOther(next);
                }
                next = after != null ? after : inbox.take();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void emitNotices(List<NoticeInbox.Item> batch) {
        Exchange exchange = createExchange(false);
        List<ExecutionNotice> notices = new java.util.ArrayList<>(batch.size());
        StringBuilder raw = new StringBuilder();
        String lastFrame = null;
        for (NoticeInbox.Item i : batch) {
            notices.add(i.notice());
            if (!i.raw().equals(lastFrame)) {
                raw.append(i.raw()).append('\n');
                lastFrame = i.raw();
            }
        }
        exchange.getMessage().setHeader(NOTICES, notices);
        exchange.getMessage().setBody(raw.toString());
        emit(exchange, batch.get(0).account());
    }

    private void emitOther(NoticeInbox.Item item) {
        Exchange exchange = createExchange(false);
        if (item.malformed() != null) {
            exchange.getMessage().setBody(item.malformed().rawFrame());
            exchange.getMessage().setHeader(MALFORMED, item.malformed().reason());
        } else {
            exchange.getMessage().setHeader(SESSION_EVENT, item.event());
            exchange.getMessage().setBody(item.detail());
        }
        emit(exchange, item.account());
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
            inbox.offerNotices(account, notices, rawFrame);
        }

        @Override
        public void onNoticesDropped(long frames) {
            inbox.droppedUpstream(account, frames);
        }

        @Override
        public void onMalformed(MalformedNotice malformed) {
            inbox.offerMalformed(account, malformed);
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
            inbox.event(account, type, detail);
        }
    }
}
