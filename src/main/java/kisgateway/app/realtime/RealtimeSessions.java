package kisgateway.app.realtime;

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
import kisgateway.kis.ws.RealtimeSessionSettings;

/**
 * Creates the KIS WebSocket sessions (one per app key: KIS allows one) and keeps the live ones, for the
 * health check and for operators. Only the instance that leads the fill route holds sessions.
 */
public final class RealtimeSessions implements AutoCloseable {

    private final Vertx vertx;
    private final KisEnvironment environment;
    private final ApprovalKeySource approvalKeys;
    private final RealtimeSessionSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, KisRealtimeSession> live = new ConcurrentHashMap<>();

    public RealtimeSessions(KisEnvironment environment, ApprovalKeySource approvalKeys, RealtimeSessionSettings settings,
                            MeterRegistry meters, Clock clock) {
        this.vertx = Vertx.vertx();
        this.environment = environment;
        this.approvalKeys = approvalKeys;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    public KisRealtimeSession open(KisAccount account, RealtimeListener listener) {
        KisRealtimeSession session = new KisRealtimeSession(vertx, environment, account, approvalKeys, settings, listener,
                null, new com.fasterxml.jackson.databind.ObjectMapper(), clock, NanoTicker.SYSTEM, new Random(), meters);
        KisRealtimeSession previous = live.put(account.alias(), session);
        if (previous != null) {
            previous.close();
        }
        session.start();
        return session;
    }

    public void closeFor(String alias) {
        KisRealtimeSession session = live.remove(alias);
        if (session != null) {
            session.close();
        }
    }

    public Map<String, KisRealtimeSession> live() {
        return Map.copyOf(live);
    }

    @Override
    public void close() {
        live.keySet().forEach(this::closeFor);
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
    }
}
