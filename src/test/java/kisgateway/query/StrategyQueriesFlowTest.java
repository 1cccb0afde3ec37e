package kisgateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import kisgateway.order.OrderState;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The strategies' queries through a whole gateway in sim mode: after orders and a fill, the open orders, the
 * position and the orderable cash as the books have them, over REST and over JMS request/reply; an account the
 * strategy may not trade refused (403, and an error answer over JMS) with none of its data; and after a restart on
 * the same database the same books, marked with what the reconciliation on start could and could not confirm.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrategyQueriesFlowTest {

    private static final String SYMBOL = "005930";
    private static final String LATE_KEY = "late-strategy-key";

    private static Path database;
    private static Map<String, String> config;
    private static GatewayUnderTest gateway;
    private static String resting;
    private static long heldBefore;

    @BeforeAll
    static void start() throws Exception {
        database = Files.createTempDirectory("queries-db");
        config = TestConfig.restartableOn(database, Map.ofEntries(
                // two accounts: the demo strategy may trade sim only, sim2 is another desk's
                Map.entry("sim.demo-accounts", "2"),
                Map.entry("gateway.strategy.demo.accounts", "sim"),
                // a strategy whose profile holds it to the regular session, past its cutoff all day
                Map.entry("gateway.strategies", "demo,late"),
                Map.entry("gateway.strategy.late.accounts", "sim"),
                Map.entry("gateway.strategy.late.api-key-sha256",
                        java.util.HexFormat.of().formatHex(StrategyPermissions.sha256(LATE_KEY))),
                Map.entry("gateway.strategy.late.sessions", "REGULAR"),
                Map.entry("gateway.strategy.late.cutoff", "00:00"),
                // the demo strategy's resting entries are cancelled at its cutoff (the simulator's day starts 09:00)
                Map.entry("gateway.strategy.demo.cutoff", "15:00"),
                Map.entry("gateway.strategy.demo.cancel-entries-at-cutoff", "true"),
                Map.entry("strategies.cutoff-sweep-ms", "200")));
        gateway = GatewayUnderTest.start(config).awaitReady();
        gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        TestConfig.deleteTree(database);
    }

    @Test
    @Order(1)
    void afterOrdersAndAFillTheBooksAnswerOverRestAndJms() throws Exception {
        heldBefore = held(get("/api/accounts/sim/positions"));
        String filled = id("mkt");
        gateway.postAccepted(intent(filled, 3, "01", null));
        gateway.awaitState(filled, OrderState.FILLED);
        resting = id("rest");
        long limit = gateway.priceAway(SYMBOL, -20);
        gateway.postAccepted(intent(resting, 2, "00", limit));
        gateway.awaitState(resting, OrderState.ACKED);

        HttpResponse<String> ordersAnswer = get("/api/accounts/sim/orders?symbol=" + SYMBOL);
        assertThat(ordersAnswer.statusCode()).as(ordersAnswer.body()).isEqualTo(200);
        JsonNode orders = GatewayUnderTest.json(ordersAnswer.body());
        assertThat(orders.path("orders")).extracting(o -> o.path("clientOrderId").asText())
                .contains(resting).doesNotContain(filled);
        JsonNode order = orderNamed(orders, resting);
        assertThat(order.path("state").asText()).isEqualTo("ACKED");
        assertThat(order.path("freshness").path("ageMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(order.path("freshness").path("reconciled").asBoolean()).as("no run since it was placed").isFalse();

        JsonNode positions = GatewayUnderTest.json(get("/api/accounts/sim/positions").body());
        JsonNode position = positionOf(positions);
        assertThat(position.path("quantity").asLong()).isEqualTo(heldBefore + 3);
        assertThat(position.path("lastPrice").isNull()).as("the gateway priced the market buy").isFalse();
        assertThat(position.path("unrealisedPnl").isNull()).isFalse();

        JsonNode cash = GatewayUnderTest.json(get("/api/accounts/sim/cash").body());
        assertThat(cash.path("orderableCash").isNull()).as("the start's reconciliation measured the day: " + cash).isFalse();
        assertThat(new java.math.BigDecimal(cash.path("heldForBuys").asText())).isEqualByComparingTo(String.valueOf(2 * limit));

        // a reconciliation run now confirms what it read, item by item
        reconcileNow();
        JsonNode confirmed = positionOf(GatewayUnderTest.json(get("/api/accounts/sim/positions").body()));
        assertThat(confirmed.path("freshness").path("reconciled").asBoolean()).as(confirmed.toString()).isTrue();
        assertThat(confirmed.path("freshness").path("openBreaks")).isEmpty();

        // JMS request/reply, as the demo strategy's broker user
        JsonNode overJms = askOverJms("OPEN_ORDERS", "sim", "200");
        assertThat(overJms.path("orders")).extracting(o -> o.path("clientOrderId").asText()).contains(resting);
        assertThat(askOverJms("CASH", "sim", "200").path("orderableCash").isNull()).isFalse();
    }

    @Test
    @Order(2)
    void anAccountTheStrategyMayNotTradeIsRefusedOverRestAndJms() throws Exception {
        for (String what : new String[] {"orders", "positions", "cash"}) {
            HttpResponse<String> refused = get("/api/accounts/sim2/" + what);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            JsonNode body = GatewayUnderTest.json(refused.body());
            assertThat(body.path("error").asText()).contains("may not trade account 'sim2'");
            assertThat(body.has("orders") || body.has("positions") || body.has("orderableCash")).isFalse();
        }
        JsonNode overJms = askOverJms("POSITIONS", "sim2", "403");
        assertThat(overJms.path("error").asText()).contains("may not trade account 'sim2'");
        assertThat(overJms.has("positions")).isFalse();
        // the operator sees the other desk's account
        assertThat(getAsOperator("/api/accounts/sim2/positions").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aStrategyPastItsCutoffIsRefusedAnEntryAndTheOperatorSeesItsProfile() throws Exception {
        String late = id("late");
        HttpResponse<String> answer = gateway.postIntent(intent(late, 1, "01", null).replace("\"strategyId\":\"demo\"",
                "\"strategyId\":\"late\""), LATE_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode order = GatewayUnderTest.json(answer.body());
        assertThat(order.path("state").asText()).isEqualTo("DENIED");
        assertThat(order.path("rejectCode").asText()).isEqualTo("STRATEGY_CUTOFF_PASSED");
        assertThat(gateway.order("late", late).kisOrderNo()).as("nothing went to KIS").isNull();

        HttpResponse<String> listed = getAsOperator("/api/admin/strategies");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode strategies = GatewayUnderTest.json(listed.body()).path("strategies");
        assertThat(strategies).extracting(n -> n.path("strategyId").asText()).containsExactly("demo", "late");
        JsonNode profile = strategies.get(1);
        assertThat(profile.path("sessions")).extracting(JsonNode::asText).containsExactly("REGULAR");
        assertThat(profile.path("cutoff").asText()).isEqualTo("00:00");
        assertThat(profile.path("restAccess").asBoolean()).isTrue();
        assertThat(listed.body()).doesNotContain(config.get("gateway.strategy.late.api-key-sha256"));
        assertThat(gateway.get("/api/admin/strategies").statusCode()).as("a strategy's key is no operator login")
                .isEqualTo(401);
    }

    @Test
    @Order(4)
    void afterARestartOnTheSameDatabaseTheBooksAnswerMarkedWithWhatReconciliationConfirmed() throws Exception {
        java.time.Instant stoppedAt = gateway.app().infrastructure().clock().instant();
        long stoppedNanos = System.nanoTime();
        gateway.close();
        gateway = null;
        gateway = GatewayUnderTest.start(config);
        // the simulator starts afresh (its books are in memory): its clock goes on from where it was, its account is
        // back to what it held at the first start, so the gateway's books now disagree with KIS's
        gateway.simulator().market().clock().set(stoppedAt.plusNanos(System.nanoTime() - stoppedNanos));
        gateway.awaitReady();

        JsonNode orders = GatewayUnderTest.json(get("/api/accounts/sim/orders").body());
        JsonNode order = orderNamed(orders, resting);
        assertThat(order.path("state").asText()).as("the books survive the restart").isEqualTo("ACKED");

        JsonNode position = positionOf(GatewayUnderTest.json(get("/api/accounts/sim/positions").body()));
        assertThat(position.path("quantity").asLong()).as("as booked").isEqualTo(heldBefore + 3);
        assertThat(position.path("freshness").path("reconciled").asBoolean()).isFalse();
        assertThat(position.path("freshness").path("openBreaks")).extracting(JsonNode::asText)
                .as("the start's reconciliation found KIS holding other shares").contains("POSITION_QUANTITY");

        JsonNode cash = GatewayUnderTest.json(get("/api/accounts/sim/cash").body());
        assertThat(cash.path("orderableCash").isNull()).as("the day's baseline survives the restart").isFalse();
        assertThat(cash.path("freshness").path("reconciled").asBoolean()).isFalse();
        // the start's run succeeded (the gateway is ready); the one every (re)connect asks for may be running now
        assertThat(cash.path("reconciliation").path("lastRunOutcome").asText()).isIn("SUCCEEDED", "RUNNING");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                GatewayUnderTest.json(get("/api/accounts/sim/cash").body()).path("reconciliation")
                        .path("lastRunOutcome").asText()).isEqualTo("SUCCEEDED"));
    }

    private static long held(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode p : GatewayUnderTest.json(answer.body()).path("positions")) {
            if (p.path("symbol").asText().equals(SYMBOL)) {
                return p.path("quantity").asLong();
            }
        }
        return 0;
    }

    private static JsonNode positionOf(JsonNode positions) {
        for (JsonNode p : positions.path("positions")) {
            if (p.path("symbol").asText().equals(SYMBOL)) {
                return p;
            }
        }
        throw new AssertionError("no position in " + SYMBOL + ": " + positions);
    }

    private static JsonNode orderNamed(JsonNode orders, String clientOrderId) {
        for (JsonNode o : orders.path("orders")) {
            if (o.path("clientOrderId").asText().equals(clientOrderId)) {
                return o;
            }
        }
        throw new AssertionError("no order " + clientOrderId + " in " + orders);
    }

    private static JsonNode askOverJms(String type, String account, String expectedStatus) throws Exception {
        try (Connection c = gateway.brokerConnectionAs("strategy")) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = s.createTemporaryQueue();
            MessageConsumer answers = s.createConsumer(replies);
            MessageProducer p = s.createProducer(s.createQueue("kis.strategy.queries"));
            Message m = s.createTextMessage("");
            String correlation = UUID.randomUUID().toString();
            m.setJMSReplyTo(replies);
            m.setJMSCorrelationID(correlation);
            m.setStringProperty("queryType", type);
            m.setStringProperty("account", account);
            p.send(m);
            Message answer = answers.receive(15_000);
            assertThat(answer).as("an answer to " + type + " " + account).isNotNull();
            assertThat(answer.getJMSCorrelationID()).isEqualTo(correlation);
            assertThat(answer.getObjectProperty("queryStatus")).as("an int property").isEqualTo(Integer.valueOf(expectedStatus));
            return GatewayUnderTest.json(((TextMessage) answer).getText());
        }
    }

    private static void reconcileNow() throws Exception {
        HttpResponse<String> r = operator(HttpRequest.newBuilder(uri("/api/admin/reconciliations"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> getAsOperator(String path) throws Exception {
        return operator(HttpRequest.newBuilder(uri(path)).GET());
    }

    private static HttpResponse<String> operator(HttpRequest.Builder b) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("operator:sim-operator-password"
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(b.header("Authorization", auth).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.app().config().require("gateway.http.port") + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return gateway.get(path);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String intent(String clientOrderId, long qty, String type, Long limit) {
        return "{\"clientOrderId\":\"" + clientOrderId + "\",\"account\":\"sim\",\"strategyId\":\"demo\",\"symbol\":\""
                + SYMBOL + "\",\"side\":\"BUY\",\"quantity\":" + qty + ",\"orderType\":\"" + type + "\""
                + (limit == null ? "" : ",\"price\":\"" + limit + "\"") + "}";
    }


    @Test
    @Order(5)
    void atItsCutoffAStrategysRestingEntriesAreCancelledAndNewOnesRefused() throws Exception {
        String entry = id("entry");
        gateway.postAccepted(intent(entry, 1, "00", gateway.priceAway(SYMBOL, -20)));
        gateway.awaitState(entry, OrderState.ACKED);
        java.time.Instant now = gateway.app().infrastructure().clock().instant();
        java.time.ZonedDateTime seoul = now.atZone(java.time.ZoneId.of("Asia/Seoul"));
        gateway.simulator().market().clock().set(seoul.toLocalDate().atTime(15, 0, 1)
                .atZone(java.time.ZoneId.of("Asia/Seoul")).toInstant());

        gateway.awaitState(entry, OrderState.CANCELED);
        HttpResponse<String> report = getAsOperator("/api/admin/mass-cancels/cutoff:demo:" + seoul.toLocalDate());
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains(entry).contains("CUTOFF");
        JsonNode refused = gateway.postAccepted(intent(id("after"), 1, "00", gateway.priceAway(SYMBOL, -20)));
        assertThat(refused.path("rejectCode").asText()).isEqualTo("STRATEGY_CUTOFF_PASSED");
    }
}
