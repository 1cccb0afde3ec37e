package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.management.ObjectName;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kill switch that acts, end to end on one gateway (three simulator accounts, real routes, PostgreSQL, Artemis and
 * the KIS simulator over HTTP): HALTED cancels every resting order of its scope at KIS and nothing outside it,
 * REDUCING only what adds exposure, a cancel whose answer is lost is left to reconciliation, an operator's mass cancel
 * asked twice cancels each order once, and bad input is refused with its reason. Each test trades its own orders;
 * the burst guard (10 cancels a symbol a minute) is left at its default so that a halt of more shows it does not
 * hold the switch's cancels back.
 */
class KillSwitchMassCancelFlowTest {

    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.of(
                "sim.demo-accounts", "3",
                // the tests rest dozens of orders on a few symbols; the guards they would meet are not the subject
                "risk.compliance.order-rate.max-orders", "1000",
                "kis.rest.request-timeout-ms", "1500",
                "fills.silence-backfill-seconds", "600"));
        gateway.awaitReady();
        gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clearFaults() throws Exception {
        gateway.simAdmin("POST", "/faults/reset", null);
    }

    @Test
    void aHaltOfAnAccountCancelsEveryRestingOrderThereAndNoneElsewhere() throws Exception {
        List<String> halted = new ArrayList<>();
        // 12 on one symbol: more than the burst guard lets a strategy cancel in a minute
        halted.addAll(rest("sim2", "005930", 12));
        halted.addAll(rest("sim2", "000660", 10));
        halted.addAll(rest("sim2", "035420", 10));
        List<String> elsewhere = rest("sim", "005930", 3);

        long t0 = System.nanoTime();
        JsonNode move = moveSwitch("ACCOUNT", "sim2", "HALTED");
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(halted)
                    .allSatisfy(id -> assertThat(gateway.order(id).state()).isEqualTo(OrderState.CANCELED)));
            System.out.printf("kill switch: %d resting orders canceled %d ms after the HALT%n", halted.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            assertThat(elsewhere).allSatisfy(id -> assertThat(gateway.order(id).state()).isEqualTo(OrderState.ACKED));
            // and at KIS: nothing of sim2's rests there any more, sim's three do
            assertThat(gateway.simulator().truth().account("50000002").orders())
                    .noneMatch(o -> o.remainingQty() > 0 && (o.state() == kisgateway.sim.trading.OrderState.OPEN
                            || o.state() == kisgateway.sim.trading.OrderState.PARTIALLY_FILLED));

            JsonNode report = awaitReport(move.path("massCancelId").asText());
            assertThat(report.path("trigger").asText()).isEqualTo("KILL_SWITCH");
            assertThat(report.path("counts").path("CANCELED").asInt()).isEqualTo(halted.size());
            assertThat(report.path("orders")).allSatisfy(o -> assertThat(o.path("account").asText()).isEqualTo("sim2"));
        } finally {
            moveSwitch("ACCOUNT", "sim2", "ACTIVE");
        }
    }

    @Test
    void reducingCancelsTheBuysAndKeepsTheSellsOfSharesHeld() throws Exception {
        String symbol = "005380";
        String bought = id("held");
        gateway.postAccepted(on("sim3", OrderFlowTest.intent(symbol, bought, "BUY", 10, "01", null)));
        gateway.awaitState(bought, OrderState.FILLED);
        List<String> buys = rest("sim3", symbol, 3);
        List<String> sells = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String sell = id("sell");
            JsonNode s = gateway.postAccepted(on("sim3", OrderFlowTest.intent(symbol, sell, "SELL", 4, "00",
                    gateway.priceAway(symbol, 5 + i))));
            assertThat(s.path("state").asText()).as(s.toString()).isEqualTo("ACKED");
            sells.add(sell);
        }

        JsonNode move = moveSwitch("ACCOUNT", "sim3", "REDUCING");
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(buys)
                    .allSatisfy(id -> assertThat(gateway.order(id).state()).isEqualTo(OrderState.CANCELED)));
            JsonNode report = awaitReport(move.path("massCancelId").asText());
            assertThat(report.path("counts").path("CANCELED").asInt()).isEqualTo(3);
            assertThat(report.path("counts").path("KEPT").asInt()).isEqualTo(2);
            assertThat(sells).allSatisfy(id -> assertThat(gateway.order(id).state()).isEqualTo(OrderState.ACKED));
        } finally {
            moveSwitch("ACCOUNT", "sim3", "ACTIVE");
        }
    }

    @Test
    void aCancelWhoseAnswerIsLostIsLeftToReconciliationAndNeverSentAgain() throws Exception {
        // a clean slate: the account's orders of other tests are canceled first, so the fault hits one of these
        assertThat(massCancel("ACCOUNT", "sim", "{\"reason\":\"clean slate\"}").statusCode()).isEqualTo(200);
        List<String> resting = rest("sim", "000660", 3);
        // the stream's notice of the cancel is lost too: only reconciliation can tell what became of it
        gateway.simAdmin("POST", "/faults/ws/silence", "{\"seconds\":60,\"mode\":\"drop\"}");
        gateway.simAdmin("POST", "/faults/rest/ambiguous-orders", "{\"count\":1,\"mode\":\"reset\"}");

        HttpResponse<String> r = massCancel("ACCOUNT", "sim", "{\"reason\":\"lost answer\",\"requestId\":\"" + id("lost")
                + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = GatewayUnderTest.json(r.body());
        List<JsonNode> mine = ours(report, resting);
        assertThat(mine).extracting(o -> o.path("outcome").asText())
                .containsExactlyInAnyOrder("AMBIGUOUS", "CANCELED", "CANCELED");
        String ambiguous = mine.stream().filter(o -> o.path("outcome").asText().equals("AMBIGUOUS")).findFirst()
                .orElseThrow().path("clientOrderId").asText();
        assertThat(gateway.order(ambiguous).state()).isEqualTo(OrderState.CANCEL_PENDING);

        // a sweep or a second mass cancel does not send it again: its cancel is under way
        HttpResponse<String> again = massCancel("ACCOUNT", "sim", "{\"reason\":\"again\"}");
        assertThat(ours(GatewayUnderTest.json(again.body()), List.of(ambiguous)))
                .extracting(o -> o.path("outcome").asText()).containsExactly("ALREADY_CANCELING");
        assertThat(sentCancels(ambiguous)).isEqualTo(1);

        HttpResponse<String> run = admin("POST", "/api/admin/reconciliations", "");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(gateway.order(ambiguous).state()).as("settled from KIS's books").isEqualTo(OrderState.CANCELED);
        assertThat(sentCancels(ambiguous)).isEqualTo(1);
    }

    @Test
    void aMassCancelAskedTwiceAtOnceAndAgainCancelsEachOrderOnce() throws Exception {
        List<String> resting = rest("sim", "035420", 6);
        String requestId = id("twice");
        // two operators at once, over REST and over JMX, under different ids
        CompletableFuture<HttpResponse<String>> rest = CompletableFuture.supplyAsync(() -> {
            try {
                return massCancel("ACCOUNT", "sim", "{\"reason\":\"desk\",\"requestId\":\"" + requestId + "\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String jmx = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("kisgateway:type=MassCancels"), "cancelResting",
                new Object[] {"ACCOUNT", "sim", "risk desk", ""},
                new String[] {String.class.getName(), String.class.getName(), String.class.getName(),
                        String.class.getName()});
        HttpResponse<String> first = rest.get();
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(GatewayUnderTest.json(jmx).path("requestedBy").asText()).isEqualTo("jmx");
        assertThat(resting).allSatisfy(id -> {
            assertThat(gateway.order(id).state()).isEqualTo(OrderState.CANCELED);
            assertThat(sentCancels(id)).as("cancels sent for " + id).isEqualTo(1);
        });
        long canceledByEither = ours(GatewayUnderTest.json(first.body()), resting).stream()
                .filter(o -> o.path("outcome").asText().equals("CANCELED")).count()
                + ours(GatewayUnderTest.json(jmx), resting).stream()
                .filter(o -> o.path("outcome").asText().equals("CANCELED")).count();
        assertThat(canceledByEither).isEqualTo(resting.size());

        // the same request again: its report, nothing sent
        List<String> later = rest("sim", "035420", 1);
        HttpResponse<String> repeat = massCancel("ACCOUNT", "sim", "{\"reason\":\"desk\",\"requestId\":\"" + requestId
                + "\"}");
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(GatewayUnderTest.json(repeat.body()).path("counts"))
                .isEqualTo(GatewayUnderTest.json(first.body()).path("counts"));
        assertThat(gateway.order(later.get(0)).state()).isEqualTo(OrderState.ACKED);
        assertThat(auditRows(requestId)).as("audited once, with the operator").isEqualTo(1);
        assertThat(admin("GET", "/api/admin/mass-cancels/" + requestId, null).body()).contains("\"requestedBy\":\"operator\"");
    }

    @Test
    void aSwitchLiftedBeforeItsRunStartsCancelsNothing() throws Exception {
        // the leader's sweep found HALTED and queued the run; the switch was lifted before the run started (a lift
        // 35 ms earlier still canceled an order placed after it, seen in OrderGuardsFlowTest)
        List<String> resting = rest("sim3", "005930", 2);
        kisgateway.risk.killswitch.TradingStateEntry lifted = new kisgateway.risk.killswitch.TradingStateEntry(
                kisgateway.risk.killswitch.KillSwitchScope.account("sim3"), kisgateway.risk.killswitch.TradingState.HALTED,
                "halted, then lifted", "ops", java.time.Instant.now().minusSeconds(1));
        kisgateway.app.service.orders.MassCancels massCancels = gateway.app().services().bean("massCancels");
        kisgateway.app.service.orders.MassCancels.Run run = massCancels.start(
                kisgateway.order.masscancel.MassCancelRequest.forSwitch(lifted));
        assertThat(run.toCancel()).as("the switch is not in force").isEmpty();
        massCancels.answer(run);
        assertThat(resting).allSatisfy(id -> assertThat(gateway.order(id).state()).isEqualTo(OrderState.ACKED));
    }

    @Test
    void badInputIsRefusedWithTheReasonAndCancelsNothing() throws Exception {
        List<String> resting = rest("sim", "005930", 1);
        long before = count("select count(*) from mass_cancels");
        assertRefused(massCancel("ACCOUNT", "nope", "{\"reason\":\"x\"}"), 400, "is not an account of this gateway");
        assertRefused(massCancel("PLANET", "sim", "{\"reason\":\"x\"}"), 400, "the scope must be GLOBAL, ACCOUNT or STRATEGY");
        assertRefused(massCancel("STRATEGY", "ghost", "{\"reason\":\"x\"}"), 400, "is not a strategy");
        assertRefused(massCancel("ACCOUNT", "sim", "{}"), 400, "reason");
        assertRefused(massCancel("ACCOUNT", "sim", "{\"reason\":\"x\",\"requestId\":\"a b\"}"), 400, "requestId");
        assertRefused(massCancel("ACCOUNT", "sim", "not json"), 400, "JSON");
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri("/api/admin/mass-cancels/ACCOUNT/sim"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/api/admin/mass-cancels/none-such", null).statusCode()).isEqualTo(404);
        assertThat(count("select count(*) from mass_cancels")).isEqualTo(before);
        assertThat(gateway.order(resting.get(0)).state()).isEqualTo(OrderState.ACKED);
    }

    private static void assertRefused(HttpResponse<String> r, int status, String reason) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(GatewayUnderTest.json(r.body()).path("error").asText()).contains(reason);
    }

    /** n buy orders of the account resting below the market, each at its own price or quantity (no quote repeats). */
    private static List<String> rest(String account, String symbol, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = id("rest");
            JsonNode order = gateway.postAccepted(on(account, OrderFlowTest.intent(symbol, id, "BUY", 1 + i / 8, "00",
                    gateway.priceAway(symbol, -2 - (i % 8)))));
            assertThat(order.path("state").asText()).as(order.toString()).isEqualTo("ACKED");
            ids.add(id);
        }
        return ids;
    }

    private static List<JsonNode> ours(JsonNode report, List<String> clientOrderIds) {
        List<JsonNode> out = new ArrayList<>();
        report.path("orders").forEach(o -> {
            if (clientOrderIds.contains(o.path("clientOrderId").asText())) {
                out.add(o);
            }
        });
        return out;
    }

    /** Cancels of the order that left for KIS (answered or not), as recorded per request. */
    private static long sentCancels(String clientOrderId) throws Exception {
        return count("select count(*) from order_requests r join orders o on o.order_id = r.order_id where "
                + "o.client_order_id = '" + clientOrderId + "' and r.kind = 'CANCEL' and r.state in ('ACKED', "
                + "'AMBIGUOUS', 'REJECTED', 'PENDING')");
    }

    private static long auditRows(String requestId) throws Exception {
        return count("select count(*) from audit_log where action = 'MASS_CANCEL_REQUESTED' and actor = 'operator' "
                + "and detail ->> 'requestId' = '" + requestId + "'");
    }

    private static long count(String sql) throws Exception {
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode awaitReport(String massCancelId) throws Exception {
        assertThat(massCancelId).startsWith("switch:");
        String path = "/api/admin/mass-cancels/" + java.net.URLEncoder.encode(massCancelId, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> r = admin("GET", path, null);
            return r.statusCode() == 200 && !GatewayUnderTest.json(r.body()).path("finishedAt").isNull();
        });
        return GatewayUnderTest.json(admin("GET", path, null).body());
    }

    private static JsonNode moveSwitch(String scope, String key, String state) throws Exception {
        HttpResponse<String> r = admin("PUT", "/api/admin/trading-states/" + scope + "/" + key,
                "{\"state\":\"" + state + "\",\"reason\":\"test\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return GatewayUnderTest.json(r.body());
    }

    private static HttpResponse<String> massCancel(String scope, String key, String body) throws Exception {
        return admin("POST", "/api/admin/mass-cancels/" + scope + "/" + key, body);
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", OPERATOR).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.app().config().require("gateway.http.port") + path);
    }

    private static String on(String alias, String intent) {
        return intent.replace("\"account\":\"sim\"", "\"account\":\"" + alias + "\"");
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
