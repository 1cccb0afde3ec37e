package kisgateway.app.service.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.NanoTicker;
import kisgateway.kis.auth.ApprovalKeySource;
import kisgateway.kis.ws.KisRealtimeSession;
import kisgateway.kis.ws.RealtimeListener;
import kisgateway.kis.ws.RealtimeListenerTee;
import kisgateway.kis.ws.RealtimeSessionSettings;
import kisgateway.order.MarketPrices;

/**
 * Creates the KIS WebSocket sessions (one per app key: KIS allows one) and keeps the live ones, for the
 * health check and for operators. Only the instance that leads the fill route holds sessions. Each session also
 * carries the trade stream of the last prices ({@link TradeStreamSubscriptions}) and reports it to them.
 */
public final class RealtimeSessions implements AutoCloseable {

    private final Vertx vertx;
    private final KisEnvironment environment;
    private final ApprovalKeySource approvalKeys;
    private final RealtimeSessionSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TradeStreamSubscriptions tradeStream;
    private final MarketPrices prices;
    private final Map<String, KisRealtimeSession> live = new ConcurrentHashMap<>();
    private final Map<KisRealtimeSession, LastPriceFeed> feeds = new ConcurrentHashMap<>();
    private final Map<String, java.time.Instant> brokenSince = new ConcurrentHashMap<>();
    private final java.util.function.Consumer<java.util.List<kisgateway.kis.ws.TradePrint>> tradeTap;

    /** @param tradeTap handed every batch of trade prints after the last prices (the participation review) */
    public RealtimeSessions(KisEnvironment environment, ApprovalKeySource approvalKeys, RealtimeSessionSettings settings,
                            TradeStreamSubscriptions tradeStream, MarketPrices prices, MeterRegistry meters, Clock clock,
                            java.util.function.Consumer<java.util.List<kisgateway.kis.ws.TradePrint>> tradeTap) {
        this.tradeTap = tradeTap;
        this.vertx = Vertx.vertx();
        this.environment = environment;
        this.approvalKeys = approvalKeys;
        this.settings = settings;
        this.tradeStream = tradeStream;
        this.prices = prices;
        this.meters = meters;
        this.clock = clock;
    }

    public KisRealtimeSession open(KisAccount account, RealtimeListener listener) {
        LastPriceFeed feed = new LastPriceFeed(prices, tradeTap);
        KisRealtimeSession session = new KisRealtimeSession(vertx, environment, account, approvalKeys, settings,
                new RealtimeListenerTee(feed, listener), null, new com.fasterxml.jackson.databind.ObjectMapper(), clock,
                NanoTicker.SYSTEM, new Random(), meters);
        feeds.put(session, feed);
        KisRealtimeSession previous = live.put(account.alias(), session);
        if (previous != null) {
            closed(previous);
        }
        session.start();
        tradeStream.attach(session);
        return session;
    }

    public void closeFor(String alias) {
        KisRealtimeSession session = live.remove(alias);
        if (session != null) {
            closed(session);
        }
    }

    private void closed(KisRealtimeSession session) {
        session.close();
        LastPriceFeed feed = feeds.remove(session);
        if (feed != null) {
            feed.lost();
        }
        tradeStream.detach(session, live.values());
    }

    /**
     * Sessions whose breaker opened (N failed connects a minute) stay down for the cool-down, then try again:
     * never a tight loop against KIS, never down for good without an operator.
     *
     * @return how many sessions were restarted
     */
    public int restartBroken(long coolDownSeconds) {
        java.time.Duration coolDown = java.time.Duration.ofSeconds(coolDownSeconds);
        java.time.Instant now = clock.instant();
        int restarted = 0;
        for (Map.Entry<String, KisRealtimeSession> e : live.entrySet()) {
            if (e.getValue().state() != KisRealtimeSession.State.BROKEN) {
                brokenSince.remove(e.getKey());
                continue;
            }
            java.time.Instant since = brokenSince.computeIfAbsent(e.getKey(), k -> now);
            if (java.time.Duration.between(since, now).compareTo(coolDown) >= 0) {
                brokenSince.remove(e.getKey());
                e.getValue().restart();
                restarted++;
            }
        }
        return restarted;
    }

    public Map<String, KisRealtimeSession> live() {
        return Map.copyOf(live);
    }

    /** The session of the account, if this instance holds it. */
    public java.util.Optional<KisRealtimeSession> of(String alias) {
        return java.util.Optional.ofNullable(live.get(alias));
    }

    @Override
    public void close() {
        live.keySet().forEach(this::closeFor);
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
    }
}
