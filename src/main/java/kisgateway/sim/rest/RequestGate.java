package kisgateway.sim.rest;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import kisgateway.sim.KisEnv;
import kisgateway.sim.SimJson;
import kisgateway.sim.auth.AppKeyDirectory;
import kisgateway.sim.auth.TokenCheck;
import kisgateway.sim.auth.TokenIssuer;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.stats.SimStats;

/**
 * What the KIS API gateway checks before any function runs, in this order: injected faults (failure, latency),
 * app key and secret, bearer token, custtype, tr_id, the per-app-key rate limit, then the TR against the domain.
 * The rate limit counts only calls that authenticated; the token endpoints have limits of their own.
 */
final class RequestGate {

    /** How much of the gate a route goes through. */
    enum Level {
        /** Faults only: the token endpoints check their own JSON credentials. */
        OPEN,
        /** App key and secret headers and the rate limit (hashkey). */
        KEYS,
        /** Everything: the trading and quotation functions. */
        TRADING
    }

    private final Vertx vertx;
    private final KisEnv env;
    private final AppKeyDirectory appKeys;
    private final TokenIssuer tokens;
    private final SlidingWindowRateLimit rateLimit;
    private final FaultPlan faults;
    private final SimStats stats;

    RequestGate(Vertx vertx, KisEnv env, AppKeyDirectory appKeys, TokenIssuer tokens, int restLimitPerSecond,
                FaultPlan faults, SimStats stats) {
        this.vertx = vertx;
        this.env = env;
        this.appKeys = appKeys;
        this.tokens = tokens;
        this.rateLimit = new SlidingWindowRateLimit(restLimitPerSecond);
        this.faults = faults;
        this.stats = stats;
    }

    Handler<RoutingContext> wrap(Level level, TrCatalog catalog, KisEndpoint endpoint) {
        return rc -> {
            String path = rc.request().path();
            Optional<FaultPlan.RestFailure> failure = faults.takeRestFailure(path);
            if (failure.isPresent()) {
                FaultPlan.RestFailure f = failure.get();
                KisReply.json(rc, f.status(), rc.request().getHeader("tr_id"), null,
                        KisReply.envelope("1", f.msgCd(), f.msg1()));
                return;
            }
            long latency = faults.latencyFor(path);
            if (latency > 0) {
                vertx.setTimer(latency, t -> admit(rc, level, catalog, endpoint));
            } else {
                admit(rc, level, catalog, endpoint);
            }
        };
    }

    private void admit(RoutingContext rc, Level level, TrCatalog catalog, KisEndpoint endpoint) {
        String trId = rc.request().getHeader("tr_id");
        ObjectNode body = null;
        if (rc.request().method() == HttpMethod.POST) {
            body = parseBody(rc);
            if (body == null) {
                KisReply.gatewayError(rc, GatewayError.INVALID_JSON, trId);
                return;
            }
        }
        if (level == Level.OPEN) {
            endpoint.handle(new KisCall(rc, null, trId, System.nanoTime(), body, appKeys));
            return;
        }
        String appKey = rc.request().getHeader("appkey");
        GatewayError error = checkKeys(appKey, rc.request().getHeader("appsecret"));
        if (error == null && level == Level.TRADING) {
            error = checkTrading(rc, appKey, trId);
        }
        if (error != null) {
            KisReply.gatewayError(rc, error, trId);
            return;
        }
        stats.restCall(appKey);
        long admitted = rateLimit.tryAcquire(appKey);
        if (admitted == SlidingWindowRateLimit.NOT_ADMITTED) {
            stats.rateLimited(appKey, trId, System.nanoTime());
            KisReply.gatewayError(rc, GatewayError.RATE_LIMITED, trId);
            return;
        }
        stats.restCallAdmitted(appKey, trId, admitted);
        if (catalog != null) {
            GatewayError wrongTr = catalog.check(env, trId);
            if (wrongTr != null) {
                KisReply.gatewayError(rc, wrongTr, trId);
                return;
            }
        }
        endpoint.handle(new KisCall(rc, appKey, trId, admitted, body, appKeys));
    }

    private GatewayError checkKeys(String appKey, String appSecret) {
        if (appKey == null || appKey.isBlank()) {
            return GatewayError.APPKEY_REQUIRED;
        }
        if (!appKeys.knows(appKey)) {
            return GatewayError.INVALID_APPKEY;
        }
        if (appSecret == null || appSecret.isBlank()) {
            return GatewayError.APPSECRET_REQUIRED;
        }
        if (!appKeys.secretMatches(appKey, appSecret)) {
            return GatewayError.INVALID_APPSECRET;
        }
        return null;
    }

    private GatewayError checkTrading(RoutingContext rc, String appKey, String trId) {
        String authorization = rc.request().getHeader("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return GatewayError.INVALID_CREDENTIALS_TYPE;
        }
        TokenCheck check = tokens.check(authorization.substring(7).trim(), appKey);
        if (check == TokenCheck.UNKNOWN) {
            return GatewayError.INVALID_TOKEN;
        }
        if (check == TokenCheck.EXPIRED) {
            return GatewayError.TOKEN_EXPIRED;
        }
        String custtype = rc.request().getHeader("custtype");
        if (!"P".equals(custtype) && !"B".equals(custtype)) {
            return GatewayError.INVALID_CUSTTYPE;
        }
        if (trId == null || trId.isBlank()) {
            return GatewayError.TR_ID_NOT_FOUND;
        }
        return null;
    }

    private static ObjectNode parseBody(RoutingContext rc) {
        try {
            String text = rc.body() == null ? null : rc.body().asString();
            if (text == null || text.isBlank()) {
                return null;
            }
            JsonNode node = SimJson.MAPPER.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (Exception e) {
            return null;
        }
    }
}
