package kisgateway.sim.rest;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import kisgateway.sim.HeaderNameCase;
import kisgateway.sim.KisEnv;
import kisgateway.sim.auth.AppKeyDirectory;
import kisgateway.sim.auth.ApprovalKeyIssuer;
import kisgateway.sim.auth.TokenIssuer;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.market.SessionClock;
import kisgateway.sim.stats.SimStats;
import kisgateway.sim.trading.MatchingEngine;

/**
 * The REST port (KIS: https://openapi…:9443 / openapivts…:29443; plain HTTP here). Two server instances share
 * the port so two event loops take calls. Response header names are spelled by {@link HeaderNameCase}.
 */
public final class RestServer {
    private static final String TRADING = "/uapi/domestic-stock/v1/trading/";
    private static final int INSTANCES = 2;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Vertx vertx;
    private final Router router;
    private final HttpServer[] servers = new HttpServer[INSTANCES];

    public RestServer(Vertx vertx, KisEnv env, AppKeyDirectory appKeys, TokenIssuer tokens,
                      ApprovalKeyIssuer approvals, MatchingEngine engine, FaultPlan faults, SimStats stats,
                      int restLimitPerSecond, HeaderNameCase headerNames, SessionClock clock,
                      Consumer<Router> adminRoutes) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        // First, so that every answer of this port is spelled alike: KIS's functions and errors, the admin API,
        // and what Vert.x Web answers itself (an oversized body's 413, an exception's 500).
        // The Date header (HTTP's IMF-fixdate, whole seconds) on the simulator's clock, skew included, as a web
        // server stamps it on its own: what a client measures KIS's clock by.
        router.route().handler(rc -> {
            rc.addHeadersEndHandler(v -> {
                rc.response().headers().set("Date", HTTP_DATE.format(clock.now()));
                headerNames.respell(rc.response().headers());
            });
            rc.next();
        });
        RequestGate gate = new RequestGate(vertx, env, appKeys, tokens, restLimitPerSecond, faults, stats);
        OAuthEndpoints oauth = new OAuthEndpoints(appKeys, tokens, approvals, stats);
        router.route().method(io.vertx.core.http.HttpMethod.POST).method(io.vertx.core.http.HttpMethod.PUT)
                .handler(BodyHandler.create(false).setBodyLimit(65_536));
        adminRoutes.accept(router);
        router.post("/oauth2/tokenP").handler(gate.wrap(RequestGate.Level.OPEN, null, oauth::issueToken));
        router.post("/oauth2/revokeP").handler(gate.wrap(RequestGate.Level.OPEN, null, oauth::revokeToken));
        router.post("/oauth2/Approval").handler(gate.wrap(RequestGate.Level.OPEN, null, oauth::issueApprovalKey));
        router.post("/uapi/hashkey").handler(gate.wrap(RequestGate.Level.KEYS, null, new HashKeyEndpoint()));
        router.post(TRADING + "order-cash").handler(gate.wrap(RequestGate.Level.TRADING, TrCatalog.ORDER_CASH,
                new OrderCashEndpoint(engine, faults, vertx)));
        router.post(TRADING + "order-rvsecncl").handler(gate.wrap(RequestGate.Level.TRADING,
                TrCatalog.ORDER_REVISE_CANCEL, new ReviseCancelEndpoint(engine, faults, vertx)));
        router.get(TRADING + "inquire-psbl-rvsecncl").handler(gate.wrap(RequestGate.Level.TRADING,
                TrCatalog.PSBL_RVSECNCL, new PsblRvsecnclEndpoint(engine)));
        router.get(TRADING + "inquire-daily-ccld").handler(gate.wrap(RequestGate.Level.TRADING,
                TrCatalog.DAILY_CCLD, new DailyCcldEndpoint(engine)));
        router.get(TRADING + "inquire-balance").handler(gate.wrap(RequestGate.Level.TRADING, TrCatalog.BALANCE,
                new BalanceEndpoint(engine)));
        router.get(TRADING + "inquire-psbl-order").handler(gate.wrap(RequestGate.Level.TRADING,
                TrCatalog.PSBL_ORDER, new PsblOrderEndpoint(engine)));
        router.get("/uapi/domestic-stock/v1/quotations/inquire-price").handler(gate.wrap(RequestGate.Level.TRADING,
                TrCatalog.PRICE, new PriceEndpoint(engine)));
        router.route().handler(rc -> KisReply.gatewayError(rc, GatewayError.SERVICE_NOT_FOUND,
                rc.request().getHeader("tr_id")));
    }

    /** Listens on {@code port} (0: a random free port shared by both instances); completes with the port. */
    public Future<Integer> listen(String host, int port) {
        // A negative port asks Vert.x for one random port shared by every server that names the same value.
        int requested = port == 0 ? -1 : port;
        List<Future<HttpServer>> bound = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            servers[i] = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(requested));
            bound.add(servers[i].requestHandler(router).listen());
        }
        return Future.all(bound).map(all -> {
            int actual = servers[0].actualPort();
            for (HttpServer s : servers) {
                if (s.actualPort() != actual) {
                    throw new IllegalStateException("REST server instances bound different ports");
                }
            }
            return actual;
        });
    }

    public Future<Void> close() {
        Future<Void> all = Future.succeededFuture();
        for (HttpServer s : servers) {
            if (s != null) {
                all = all.compose(v -> s.close());
            }
        }
        return all;
    }
}
