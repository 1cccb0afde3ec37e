package kisgateway.sim.admin;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import kisgateway.sim.KisEnv;
import kisgateway.sim.SimJson;
import kisgateway.sim.auth.AppKeyDirectory;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.market.SessionClock;
import kisgateway.sim.market.TradeTick;
import kisgateway.sim.stats.SimStats;
import kisgateway.sim.trading.AccountView;
import kisgateway.sim.trading.OrderKind;
import kisgateway.sim.trading.OrderOutcome;
import kisgateway.sim.trading.Side;
import kisgateway.sim.ws.WsServer;

/**
 * The admin API under {@code /sim/admin} on the REST port: JSON in and out, never rate-limited or faulted.
 * Every fault and every piece of truth is reachable here (docs/simulator.md lists the calls).
 */
public final class AdminApi {
    static final String BASE = "/sim/admin";

    private final KisEnv env;
    private final AppKeyDirectory appKeys;
    private final FaultControl faults;
    private final MarketControl market;
    private final OutsideActivity outside;
    private final SimulatorTruth truth;
    private final SimStats stats;
    private final WsServer ws;

    public AdminApi(KisEnv env, AppKeyDirectory appKeys, FaultControl faults, MarketControl market,
                    OutsideActivity outside, SimulatorTruth truth, SimStats stats, WsServer ws) {
        this.env = env;
        this.appKeys = appKeys;
        this.faults = faults;
        this.market = market;
        this.outside = outside;
        this.truth = truth;
        this.stats = stats;
        this.ws = ws;
    }

    public void mount(Router router) {
        router.get(BASE).handler(rc -> respond(rc, b -> info()));
        router.get(BASE + "/truth").handler(rc -> respond(rc, b -> allTruth()));
        router.get(BASE + "/truth/:cano").handler(rc -> respond(rc, b -> truth.toJson(truth.account(
                rc.pathParam("cano")))));
        router.get(BASE + "/stats").handler(rc -> respond(rc, b -> statsJson()));

        router.get(BASE + "/market").handler(rc -> respond(rc, b -> marketJson()));
        router.post(BASE + "/market/print").handler(rc -> respond(rc, this::print));
        router.post(BASE + "/market/freeze").handler(rc -> respond(rc, b -> {
            market.freeze(b.path("frozen").asBoolean(true));
            return marketJson();
        }));
        router.get(BASE + "/clock").handler(rc -> respond(rc, b -> clockJson()));
        router.post(BASE + "/clock").handler(rc -> respond(rc, this::setClock));

        router.get(BASE + "/faults").handler(rc -> respond(rc, b -> faultsJson()));
        router.post(BASE + "/faults/reset").handler(rc -> respond(rc, b -> {
            faults.reset();
            return faultsJson();
        }));
        router.post(BASE + "/faults/rest/fail").handler(rc -> respond(rc, b -> {
            faults.plan().failRest(b.path("count").asInt(1), new FaultPlan.RestFailure(b.path("status").asInt(500),
                    b.path("msgCd").asText("EGW00002"), b.path("msg1").asText("서버 에러가 발생했습니다.")),
                    b.path("pathContains").asText(null));
            return faultsJson();
        }));
        router.post(BASE + "/faults/rest/latency").handler(rc -> respond(rc, b -> {
            faults.plan().setLatency(b.path("millis").asLong(0), b.path("pathContains").asText(null));
            return faultsJson();
        }));
        router.post(BASE + "/faults/rest/ambiguous-orders").handler(rc -> respond(rc, b -> {
            FaultPlan.AmbiguousMode mode = FaultPlan.AmbiguousMode.valueOf(b.path("mode").asText("drop")
                    .toUpperCase());
            faults.plan().ambiguousOrders(b.path("count").asInt(1),
                    new FaultPlan.AmbiguousReply(mode, b.path("delayMillis").asLong(0)));
            return faultsJson();
        }));
        router.post(BASE + "/faults/ws/drop").handler(rc -> respond(rc, b -> count("dropped",
                faults.dropWebSockets())));
        router.post(BASE + "/faults/ws/silence").handler(rc -> respond(rc, b -> {
            faults.plan().silence(seconds(b), FaultPlan.SilenceMode.valueOf(b.path("mode").asText("hold")
                    .toUpperCase()));
            return faultsJson();
        }));
        router.post(BASE + "/faults/ws/refuse").handler(rc -> respond(rc, b -> {
            faults.plan().refuseWebSockets(seconds(b));
            return faultsJson();
        }));
        router.post(BASE + "/faults/ws/unblock").handler(rc -> respond(rc, b -> {
            faults.unblockClients();
            return faultsJson();
        }));
        router.post(BASE + "/faults/notices/suppress-fills").handler(rc -> respond(rc, b -> {
            faults.plan().suppressFills(required(b, "cano").asText(), b.path("count").asInt(1));
            return faultsJson();
        }));
        router.post(BASE + "/faults/notices/duplicate").handler(rc -> respond(rc, b -> {
            faults.plan().duplicateNotices(b.path("count").asInt(1));
            return faultsJson();
        }));
        router.post(BASE + "/faults/notices/garble").handler(rc -> respond(rc, b -> {
            faults.plan().garbleNotices(b.path("count").asInt(1));
            return faultsJson();
        }));
        router.post(BASE + "/faults/notices/reorder").handler(rc -> respond(rc, b -> {
            faults.plan().reorderNotices(b.path("count").asInt(2));
            return faultsJson();
        }));
        router.post(BASE + "/faults/orders/reject-next").handler(rc -> respond(rc, b -> {
            faults.rejectNextOrders(b.path("count").asInt(1));
            return faultsJson();
        }));
        router.post(BASE + "/faults/tokens/expire").handler(rc -> respond(rc, b -> count("expired",
                faults.expireTokens(b.path("appKey").asText(null)))));
        router.post(BASE + "/faults/tokens/revoke").handler(rc -> respond(rc, b -> count("revoked",
                faults.revokeTokens(b.path("appKey").asText(null)))));

        router.post(BASE + "/accounts/:cano/orders").handler(rc -> respond(rc, b -> outsideOrder(
                rc.pathParam("cano"), b)));
        router.post(BASE + "/accounts/:cano/orders/:odno/cancel").handler(rc -> respond(rc, b -> outcomeJson(
                outside.cancelOrder(rc.pathParam("cano"), rc.pathParam("odno"), b.path("qty").asLong(0)))));
        router.put(BASE + "/accounts/:cano/positions/:symbol").handler(rc -> respond(rc, b -> {
            outside.setPosition(rc.pathParam("cano"), rc.pathParam("symbol"), required(b, "qty").asLong(),
                    new BigDecimal(b.path("avgPrice").asText("0")));
            return truth.toJson(truth.account(rc.pathParam("cano")));
        }));
        router.post(BASE + "/accounts/:cano/cash").handler(rc -> respond(rc, b -> {
            String cano = rc.pathParam("cano");
            if (b.has("set")) {
                outside.setCash(cano, b.get("set").asLong());
            } else {
                outside.adjustCash(cano, required(b, "delta").asLong());
            }
            return truth.toJson(truth.account(cano));
        }));
        router.post(BASE + "/ws/flood").handler(rc -> respond(rc, b -> count("sessions",
                ws.flood(required(b, "htsId").asText(), required(b, "count").asInt(), b.path("firstOrder").asInt(0)))));
    }

    private void respond(RoutingContext rc, Function<JsonNode, JsonNode> action) {
        int status = 200;
        JsonNode out;
        try {
            String text = rc.body() == null ? null : rc.body().asString();
            JsonNode body = text == null || text.isBlank() ? SimJson.object() : SimJson.MAPPER.readTree(text);
            out = action.apply(body);
        } catch (IllegalStateException e) {
            status = 409;
            out = error(e);
        } catch (Exception e) {
            status = 400;
            out = error(e);
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(SimJson.write(out)));
    }

    private static ObjectNode error(Exception e) {
        ObjectNode o = SimJson.object();
        o.put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return o;
    }

    private static JsonNode required(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v;
    }

    private static Duration seconds(JsonNode body) {
        return Duration.ofMillis((long) (required(body, "seconds").asDouble() * 1000));
    }

    private static ObjectNode count(String name, long n) {
        ObjectNode o = SimJson.object();
        o.put(name, n);
        return o;
    }

    private ObjectNode info() {
        ObjectNode o = SimJson.object();
        o.put("env", env.name());
        o.put("clock", market.clock().mode().name());
        o.put("now", market.clock().nowSeoul().toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        ArrayNode accounts = o.putArray("accounts");
        truth.accounts().forEach(a -> {
            ObjectNode j = accounts.addObject();
            j.put("cano", a.account().cano());
            j.put("htsId", a.account().htsId());
            j.put("appKey", a.account().appKey());
        });
        return o;
    }

    private ObjectNode allTruth() {
        ObjectNode o = SimJson.object();
        ArrayNode accounts = o.putArray("accounts");
        for (AccountView a : truth.accounts()) {
            accounts.add(truth.toJson(a));
        }
        return o;
    }

    private ObjectNode statsJson() {
        ObjectNode o = SimJson.object();
        o.put("wsConnectsTotal", stats.wsConnectsTotal());
        o.put("wsUpgradesRefused", stats.wsUpgradesRefused());
        o.put("openSessions", ws.openSessions());
        o.put("blockedClients", ws.blockedClients());
        ObjectNode byKey = o.putObject("appKeys");
        Map<String, Map<String, Object>> snapshot = stats.snapshot();
        for (String key : appKeys.appKeys()) {
            ObjectNode k = byKey.putObject(key);
            snapshot.getOrDefault(key, Map.of()).forEach((name, value) -> k.putPOJO(name, value));
            ws.sessionStats(key).forEach((name, value) -> k.putPOJO(name, value));
        }
        return o;
    }

    private ObjectNode marketJson() {
        ObjectNode o = SimJson.object();
        o.put("frozen", market.frozen());
        o.put("phase", market.phase().name());
        ArrayNode symbols = o.putArray("symbols");
        for (TradeTick t : market.quotes()) {
            symbols.add(tickJson(t));
        }
        return o;
    }

    private static ObjectNode tickJson(TradeTick t) {
        ObjectNode j = SimJson.object();
        j.put("symbol", t.instrument().code());
        j.put("name", t.instrument().name());
        j.put("price", t.price());
        j.put("previousClose", t.instrument().previousClose());
        j.put("upperLimit", t.band().upper());
        j.put("lowerLimit", t.band().lower());
        j.put("volume", t.volume());
        j.put("askQty1", t.askQty1());
        j.put("bidQty1", t.bidQty1());
        return j;
    }

    private JsonNode print(JsonNode b) {
        String symbol = required(b, "symbol").asText();
        long price = required(b, "price").asLong();
        long qty = b.path("qty").asLong(1_000);
        TradeTick t = b.has("askQty") || b.has("bidQty")
                ? market.print(symbol, price, qty, b.path("askQty").asLong(qty), b.path("bidQty").asLong(qty))
                : market.print(symbol, price, qty);
        return tickJson(t);
    }

    private JsonNode setClock(JsonNode b) {
        if (b.has("time")) {
            String value = b.get("time").asText();
            Instant at = value.contains("T") ? OffsetDateTime.parse(value).toInstant()
                    : ZonedDateTime.of(market.clock().nowSeoul().toLocalDate(), LocalTime.parse(value),
                    SessionClock.SEOUL).toInstant();
            market.setTime(at);
        }
        if (b.has("advanceSeconds")) {
            market.advance(Duration.ofMillis((long) (b.get("advanceSeconds").asDouble() * 1000)));
        }
        if (b.has("speed")) {
            market.setSpeed(b.get("speed").asDouble());
        }
        if (b.has("skewMillis")) {
            if (!b.get("skewMillis").canConvertToLong() || !b.get("skewMillis").isIntegralNumber()) {
                throw new IllegalArgumentException("skewMillis must be a whole number of milliseconds");
            }
            market.setClockSkew(Duration.ofMillis(b.get("skewMillis").asLong()));
        }
        return clockJson();
    }

    private ObjectNode clockJson() {
        ObjectNode o = SimJson.object();
        o.put("mode", market.clock().mode().name());
        o.put("now", market.clock().nowSeoul().toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        o.put("speed", market.clock().speed());
        o.put("skewMillis", market.clock().skew().toMillis());
        o.put("phase", market.phase().name());
        return o;
    }

    private ObjectNode faultsJson() {
        ObjectNode o = SimJson.MAPPER.valueToTree(faults.plan().describe());
        o.put("blockedClients", ws.blockedClients());
        o.put("noticesDroppedBySilence", ws.dispatcher().droppedBySilence());
        return o;
    }

    private JsonNode outsideOrder(String cano, JsonNode b) {
        Side side = Side.valueOf(required(b, "side").asText().toUpperCase());
        OrderKind kind = OrderKind.ofCode(b.path("ordDvsn").asText("00"))
                .orElseThrow(() -> new IllegalArgumentException("unknown ordDvsn"));
        return outcomeJson(outside.placeOrder(cano, required(b, "symbol").asText(), side, kind,
                required(b, "qty").asLong(), b.path("price").asLong(0)));
    }

    private static ObjectNode outcomeJson(OrderOutcome outcome) {
        ObjectNode o = SimJson.object();
        o.put("booked", outcome.isBooked());
        if (outcome.isBooked()) {
            o.put("odno", outcome.odno());
            o.put("orderedAt", outcome.orderedAt().toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } else {
            o.put("reject", outcome.reject().name());
        }
        return o;
    }
}
