package kisgateway.sim.ws;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import kisgateway.sim.HeaderNameCase;
import kisgateway.sim.KisEnv;
import kisgateway.sim.LoopBlocking;
import kisgateway.sim.NoticeLayout;
import kisgateway.sim.auth.AppKeyDirectory;
import kisgateway.sim.auth.ApprovalKeyIssuer;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.market.SessionClock;
import kisgateway.sim.stats.SimStats;

/**
 * The real-time port (KIS: ws://ops.koreainvestment.com:21000, plain ws). Upgrades are taken at {@code /},
 * {@code /tryitout} and {@code /tryitout/{TR_ID}}; one socket carries every TR. An upgrade is refused with 403
 * while the client's IP is blocked for looping and with 503 while the fault plan refuses WebSockets.
 */
public final class WsServer {
    private static final Logger LOG = LoggerFactory.getLogger(WsServer.class);

    private final Vertx vertx;
    private final FaultPlan faults;
    private final SimStats stats;
    private final ChurnGuard churn;
    private final SessionDirectory sessions = new SessionDirectory();
    private final WsServices services;
    private final NoticeDispatcher dispatcher;
    private final AppKeyDirectory appKeys;
    private final HeaderNameCase headerNames;
    private HttpServer server;
    private long pumpTimer = -1;

    public WsServer(Vertx vertx, KisEnv env, NoticeLayout layout, AppKeyDirectory appKeys,
                    ApprovalKeyIssuer approvals, SimStats stats, FaultPlan faults, SessionClock clock,
                    Duration pingInterval, LoopBlocking loopBlocking, HeaderNameCase headerNames) {
        this.vertx = vertx;
        this.headerNames = headerNames;
        this.faults = faults;
        this.stats = stats;
        this.appKeys = appKeys;
        this.churn = new ChurnGuard(loopBlocking);
        this.services = new WsServices(vertx, env, appKeys, approvals, stats, churn, sessions, clock, pingInterval,
                new SecureRandom());
        this.dispatcher = new NoticeDispatcher(env, layout, faults, sessions);
    }

    public NoticeDispatcher dispatcher() {
        return dispatcher;
    }

    public Future<Integer> listen(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setMaxWebSocketFrameSize(65_536).setMaxWebSocketMessageSize(262_144));
        server.requestHandler(this::onRequest);
        pumpTimer = vertx.setPeriodic(50, t -> dispatcher.pump());
        return server.listen().map(HttpServer::actualPort);
    }

    public Future<Void> close() {
        if (pumpTimer >= 0) {
            vertx.cancelTimer(pumpTimer);
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void onRequest(HttpServerRequest req) {
        // The refusals below are plain HTTP answers; spelled like the REST port's. (An upgrade's 101 is written
        // by Netty's handshaker, which this does not reach.)
        req.response().headersEndHandler(v -> headerNames.respell(req.response().headers()));
        String path = req.path();
        boolean knownPath = path.equals("/") || path.equals("/tryitout") || path.startsWith("/tryitout/");
        boolean upgrade = "websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE));
        if (!knownPath || !upgrade) {
            req.response().setStatusCode(knownPath ? 400 : 404).end();
            return;
        }
        String ip = req.remoteAddress() == null ? "?" : req.remoteAddress().hostAddress();
        stats.wsConnect();
        if (faults.refusingWebSockets()) {
            stats.wsUpgradeRefused();
            req.response().setStatusCode(503).end();
            return;
        }
        if (!churn.admitConnect(ip)) {
            stats.wsUpgradeRefused();
            LOG.info("ws upgrade refused: connect loop ip={}", ip);
            req.response().setStatusCode(403).end();
            return;
        }
        req.toWebSocket().onSuccess(ws -> new WsSession(ws, vertx.getOrCreateContext(), ip, services).start())
                .onFailure(t -> LOG.debug("ws upgrade failed ip={} error={}", ip, t.toString()));
    }

    /** Closes every session now (fault "drop every WebSocket"). Returns how many were open. */
    public int dropAll() {
        List<WsSession> all = sessions.all();
        all.forEach(s -> s.close(1001, "going away"));
        return all.size();
    }

    /** Sends synthetic notices to the sessions subscribed to the HTS ID; returns the sessions reached. */
    public int flood(String htsId, int count, int firstOrder) {
        return dispatcher.flood(htsId, count, firstOrder, appKeys.accountsOfHtsId(htsId));
    }

    public void unblock() {
        churn.clear();
    }

    public int blockedClients() {
        return churn.blockCount();
    }

    public Map<String, Object> sessionStats(String appKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activeSessions", sessions.activeSessions(appKey));
        m.put("subscriptions", sessions.subscriptions(appKey));
        return m;
    }

    /** Whether any session holds the registration now (as KIS would count it against that session's 41). */
    public boolean registered(String trId, String trKey) {
        return !sessions.subscribersOf(trId, trKey).isEmpty();
    }

    /** How many times a client released the registration (tr_type "2"). */
    public long releases(String trId, String trKey) {
        return sessions.releases(trId, trKey);
    }

    public int openSessions() {
        return sessions.all().size();
    }
}
