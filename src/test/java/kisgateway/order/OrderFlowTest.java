package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kisgateway.sim.trading.OrderView;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Orders end to end: REST and JMS intake, the real YAML routes, the risk gate, the KIS adapter and the KIS
 * simulator over real HTTP and WebSocket, the real Artemis and PostgreSQL.
 */
class OrderFlowTest {

    private static final String SYMBOL = "005930";
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.of(
                "kis.rest.request-timeout-ms", "1500",
                "risk.limits.max-order-quantity", "100000",
                "risk.compliance.order-rate.max-orders", "1000",
                "risk.compliance.cancel-replace-burst.max-requests", "1000",
                "risk.compliance.quote-pattern.max-cycles", "1000"));
        // a still market: prices move only when a test prints a trade
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

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String intent(String clientOrderId, String side, long qty, String type, Long limit) {
        return intent(SYMBOL, clientOrderId, side, qty, type, limit);
    }

    static String intent(String symbol, String clientOrderId, String side, long qty, String type, Long limit) {
        return "{\"clientOrderId\":\"" + clientOrderId + "\",\"account\":\"sim\",\"strategyId\":\"demo\",\"symbol\":\"" + symbol
                + "\",\"side\":\"" + side + "\",\"quantity\":" + qty + ",\"orderType\":\"" + type + "\""
                + (limit == null ? "" : ",\"price\":\"" + limit + "\"") + "}";
    }

    private static JsonNode post(String json) throws Exception {
        return gateway.postAccepted(json);
    }

    private static OrderRecord awaitState(String clientOrderId, OrderState... states) {
        return gateway.awaitState(clientOrderId, states);
    }

    private static List<OrderView> kisOrders(String symbol) {
        return gateway.simulator().truth().account("50000001").orders().stream()
                .filter(o -> o.symbol().equals(symbol)).toList();
    }

    private static List<String> states(java.util.UUID orderId) throws Exception {
        return gateway.orderStates(orderId);
    }

    private static long last(String symbol) {
        return gateway.lastPrice(symbol);
    }

    private static long tick(long p) {
        return GatewayUnderTest.tick(p);
    }

    private static long away(String symbol, long ticks) {
        return gateway.priceAway(symbol, ticks);
    }

    private static long below(long ticks) {
        return away(SYMBOL, -ticks);
    }

    /** Cancels whatever of the order still rests at KIS, so it cannot cross a later test's order. */
    private static void cancelIfWorking(String client) throws Exception {
        OrderRecord o = gateway.order(client);
        if (o.state().isWorking()) {
            post("{\"intent\":\"CANCEL\",\"clientOrderId\":\"" + id("cleanup") + "\",\"targetClientOrderId\":\""
                    + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\"}");
        }
    }

    private static void print(String symbol, long at, long qty) throws Exception {
        gateway.simAdmin("POST", "/market/print", "{\"symbol\":\"" + symbol + "\",\"price\":" + at + ",\"qty\":" + qty + "}");
    }

    @Test
    void aMarketBuyOverRestIsAckedThenFilledAndEveryTransitionIsPublished() throws Exception {
        try (Connection c = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = s.createConsumer(s.createTopic("kis.order.events"), "account = 'sim'");
            String client = id("mkt");
            JsonNode answer = post(intent(client, "BUY", 3, "01", null));
            assertThat(answer.path("state").asText()).isIn("ACKED", "PARTIAL_FILLED", "FILLED");
            assertThat(answer.path("kisOrderNo").asText()).hasSize(10);
            OrderRecord filled = awaitState(client, OrderState.FILLED);
            assertThat(filled.filledQuantity()).isEqualTo(3);
            long kisAvg = kisOrders(SYMBOL).stream().filter(o -> o.odno().equals(filled.kisOrderNo())).findFirst()
                    .orElseThrow().averagePrice();
            assertThat(filled.avgFillPrice()).isEqualByComparingTo(String.valueOf(kisAvg));

            List<String> states = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                TextMessage m = (TextMessage) events.receive(200);
                if (m != null) {
                    kisgateway.testing.ContractSchemas.assertValid("order-event.schema.json", m.getText());
                }
                if (m != null && m.getText().contains(client)) {
                    states.add(GatewayUnderTest.json(m.getText()).path("to").asText());
                    assertThat(m.getStringProperty("symbol")).isEqualTo(SYMBOL);
                    assertThat(m.getStringProperty("side")).isEqualTo("BUY");
                }
                return states.contains("FILLED");
            });
            assertThat(states).containsSubsequence("INTENT_CREATED", "SUBMITTED", "ACKED", "FILLED");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "BUY, 01, , FILLED",
            "BUY, 03, , FILLED",
            "BUY, 04, , ACKED",
            "BUY, 13, , FILLED",
            "BUY, 14, , FILLED",
            "BUY, 15, , FILLED",
            "BUY, 16, , FILLED",
            "BUY, 00, -20, ACKED",
            "BUY, 02, -20, ACKED",
            "BUY, 11, -20, CANCELED",
            "BUY, 12, -20, CANCELED",
            "BUY, 00, 0, FILLED",
            "SELL, 01, , FILLED",
            "SELL, 03, , FILLED",
            "SELL, 04, , ACKED",
            "SELL, 13, , FILLED",
            "SELL, 14, , FILLED",
            "SELL, 15, , FILLED",
            "SELL, 16, , FILLED",
            "SELL, 00, 20, ACKED",
            "SELL, 02, 20, ACKED",
            "SELL, 11, 20, CANCELED",
            "SELL, 12, 20, CANCELED",
            "SELL, 00, 0, FILLED",
    })
    void everyOrderTypeReachesKisAndItsOutcome(String side, String type, Integer ticksFromMarket, OrderState expected)
            throws Exception {
        String symbol = side.equals("BUY") ? "005930" : "000660";
        if (side.equals("SELL")) {
            String bought = id("stock");
            post(intent(symbol, bought, "BUY", 2, "01", null));
            awaitState(bought, OrderState.FILLED);
        }
        String client = id("t" + type);
        Long limit = ticksFromMarket == null ? null : away(symbol, ticksFromMarket);
        JsonNode answer = post(intent(symbol, client, side, 2, type, limit));
        assertThat(answer.path("state").asText()).as(answer.toString()).isNotIn("DENIED", "REJECTED");
        OrderRecord order = awaitState(client, expected);
        assertThat(kisOrders(symbol)).filteredOn(o -> o.odno().equals(order.kisOrderNo())).singleElement()
                .satisfies(o -> {
                    assertThat(o.kind().code()).as("ORD_DVSN at KIS").isEqualTo(type);
                    assertThat(o.side().name()).isEqualTo(side);
                    assertThat(o.qty()).isEqualTo(2);
                });
        cancelIfWorking(client);
    }

    @Test
    void aPartialFillThenACancelLeavesTheFilledPartAndCancelsTheRest() throws Exception {
        String symbol = "035420";
        String client = id("part");
        long limit = away(symbol, -10);
        post(intent(symbol, client, "BUY", 100, "00", limit));
        awaitState(client, OrderState.ACKED);
        print(symbol, limit, 30);
        OrderRecord partial = awaitState(client, OrderState.PARTIAL_FILLED);
        assertThat(partial.filledQuantity()).isEqualTo(30);

        JsonNode cancel = post("{\"intent\":\"CANCEL\",\"clientOrderId\":\"" + id("cx") + "\",\"targetClientOrderId\":\""
                + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\"}");
        assertThat(cancel.path("state").asText()).isEqualTo("CANCELED");
        OrderRecord done = gateway.order(client);
        assertThat(done.filledQuantity()).isEqualTo(30);
        OrderView atKis = kisOrders(symbol).stream().filter(o -> o.odno().equals(done.kisOrderNo())).findFirst().orElseThrow();
        assertThat(atKis.filledQty()).isEqualTo(30);
        assertThat(atKis.remainingQty()).isZero();
    }

    @Test
    void aRevisionMovesThePriceAndTheOrderKeepsItsNewKisNumber() throws Exception {
        String symbol = "005380";
        String client = id("rev");
        long first = away(symbol, -8);
        long second = away(symbol, -6);
        post(intent(symbol, client, "BUY", 5, "00", first));
        OrderRecord before = awaitState(client, OrderState.ACKED);
        JsonNode revised = post("{\"intent\":\"REPLACE\",\"clientOrderId\":\"" + id("rp") + "\",\"targetClientOrderId\":\""
                + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\",\"price\":\"" + second + "\"}");
        assertThat(revised.path("state").asText()).isEqualTo("ACKED");
        OrderRecord after = gateway.order(client);
        assertThat(after.kisOrderNo()).isNotEqualTo(before.kisOrderNo());
        assertThat(after.price()).isEqualByComparingTo(String.valueOf(second));
        // a fill on the new number finds the order through the chain
        print(symbol, second, 5);
        assertThat(awaitState(client, OrderState.FILLED).filledQuantity()).isEqualTo(5);
        assertThat(gateway.orders().byKisOrderNo("sim", before.kisOrderNo())).hasValueSatisfying(
                o -> assertThat(o.orderId()).isEqualTo(after.orderId()));
    }

    @Test
    void aBusinessRejectIsRejectedWithKisMessageCode() throws Exception {
        long cash = gateway.simulator().truth().account("50000001").cash().settled();
        gateway.simAdmin("POST", "/accounts/50000001/cash", "{\"set\":1000}");
        try {
            JsonNode answer = post(intent(id("poor"), "BUY", 10, "01", null));
            assertThat(answer.path("state").asText()).isEqualTo("REJECTED");
            assertThat(answer.path("rejectCode").asText()).isEqualTo("APBK0952");
        } finally {
            gateway.simAdmin("POST", "/accounts/50000001/cash", "{\"set\":" + cash + "}");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PRICE_BAND|{\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\",\"price\":\"PRICE_MINUS_20PCT\"}",
            "PRICE_OFF_TICK|{\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\",\"price\":\"PRICE_PLUS_50\"}",
            "MAX_ORDER_VALUE|{\"side\":\"BUY\",\"quantity\":20000,\"orderType\":\"01\"}",
            "ORDER_TYPE_NOT_IN_SESSION|{\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"06\"}",
            "KILL_SWITCH_REDUCING|{\"side\":\"SELL\",\"quantity\":999999,\"orderType\":\"01\",\"_reducing\":true}",
    })
    void riskRulesDenyBeforeAnythingReachesKis(String rule, String fields) throws Exception {
        boolean reducing = fields.contains("_reducing");
        long p = last(SYMBOL);
        String body = fields.replace(",\"_reducing\":true", "")
                .replace("PRICE_MINUS_20PCT", String.valueOf(p * 80 / 100 / tick(p) * tick(p)))
                .replace("PRICE_PLUS_50", String.valueOf(p + tick(p) / 2));
        if (reducing) {
            moveKillSwitch("ACCOUNT", "sim", "REDUCING");
        }
        try {
            int kisOrdersBefore = kisOrders(SYMBOL).size();
            String client = id("deny");
            JsonNode answer = post("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\",\"symbol\":\""
                    + SYMBOL + "\"," + body.substring(1));
            assertThat(answer.path("state").asText()).isEqualTo("DENIED");
            assertThat(answer.path("rejectCode").asText()).isEqualTo(rule);
            assertThat(kisOrders(SYMBOL)).hasSize(kisOrdersBefore);
        } finally {
            if (reducing) {
                moveKillSwitch("ACCOUNT", "sim", "ACTIVE");
            }
        }
    }

    @Test
    void selfCrossIsDeniedAndRaisedForReview() throws Exception {
        String symbol = "035720";
        String resting = id("rest");
        long limit = away(symbol, -4);
        post(intent(symbol, resting, "BUY", 1, "00", limit));
        awaitState(resting, OrderState.ACKED);
        // a sell that could trade against our own resting buy
        JsonNode answer = post(intent(symbol, id("cross"), "SELL", 1, "00", limit));
        assertThat(answer.path("state").asText()).isEqualTo("DENIED");
        assertThat(answer.path("rejectCode").asText()).isEqualTo("SELF_CROSS");
        cancelIfWorking(resting);
    }

    @Test
    void killSwitchesHaltNewOrdersButLetCancelsThrough() throws Exception {
        String resting = id("ks");
        post(intent("051910", resting, "BUY", 1, "00", away("051910", -4)));
        awaitState(resting, OrderState.ACKED);
        moveKillSwitch("GLOBAL", "*", "HALTED");
        try {
            JsonNode refused = post(intent("051910", id("halted"), "BUY", 1, "01", null));
            assertThat(refused.path("state").asText()).isEqualTo("DENIED");
            assertThat(refused.path("rejectCode").asText()).isEqualTo("KILL_SWITCH_HALTED");
            JsonNode cancel = post("{\"intent\":\"CANCEL\",\"clientOrderId\":\"" + id("kc") + "\",\"targetClientOrderId\":\""
                    + resting + "\",\"account\":\"sim\",\"strategyId\":\"demo\"}");
            // the halt makes the leader sweep resting orders at once: its own cancel of this one may be in flight
            assertThat(cancel.path("state").asText()).isIn("CANCELED", "CANCEL_PENDING");
            awaitState(resting, OrderState.CANCELED);
        } finally {
            moveKillSwitch("GLOBAL", "*", "ACTIVE");
        }
        assertThat(post(intent("051910", id("again"), "BUY", 1, "01", null)).path("state").asText()).isNotEqualTo("DENIED");
    }

    @Test
    void theSameClientOrderIdNeverMakesASecondKisOrder() throws Exception {
        String symbol = "068270";
        String client = id("dup");
        long limit = away(symbol, -4);
        String json = intent(symbol, client, "BUY", 1, "00", limit);
        // 1: REST, 2: REST again (a retried call)
        post(json);
        post(json);
        // 3 and 4: the same intent twice on the JMS intake (a redelivery)
        gateway.sendJms("kis.order.intents", json, Map.of());
        gateway.sendJms("kis.order.intents", json, Map.of());
        // 5: five callers at once
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Callable<HttpResponse<String>>> racers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                racers.add(() -> gateway.postIntent(json));
            }
            for (Future<HttpResponse<String>> f : pool.invokeAll(racers)) {
                assertThat(f.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        OrderRecord order = awaitState(client, OrderState.ACKED);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(kisOrders(symbol).stream().filter(o -> o.price() == limit && o.qty() == 1).count())
                        .isEqualTo(1));
        assertThat(order.kisOrderNo()).isNotBlank();
        cancelIfWorking(client);
    }

    @Test
    void anOrderTurnedAwayByTheKisRateLimitIsSentAgainInALaterSlotAndBookedOnce() throws Exception {
        gateway.simAdmin("POST", "/faults/rest/fail", "{\"count\":2,\"status\":500,\"msgCd\":\"EGW00201\","
                + "\"msg1\":\"초당 거래건수를 초과하였습니다.\",\"pathContains\":\"order-cash\"}");
        String symbol = "010140";
        int before = kisOrders(symbol).size();
        String client = id("egw");
        JsonNode answer = post(intent(symbol, client, "BUY", 1, "00", away(symbol, -4)));
        assertThat(answer.path("state").asText()).isEqualTo("ACKED");
        assertThat(kisOrders(symbol)).hasSize(before + 1);
        assertThat(states(gateway.order(client).orderId())).as("no REJECTED on the way")
                .containsExactly("INTENT_CREATED", "SUBMITTED", "ACKED");
        cancelIfWorking(client);
    }

    @Test
    void aTimeoutAfterKisAcceptedTheOrderIsReconcileRequiredNeverASecondOrder() throws Exception {
        gateway.simAdmin("POST", "/faults/rest/ambiguous-orders", "{\"count\":1,\"mode\":\"drop\"}");
        String symbol = "015760";
        int before = kisOrders(symbol).size();
        String client = id("amb");
        long limit = away(symbol, -4);
        JsonNode answer = post(intent(symbol, client, "BUY", 1, "00", limit));
        assertThat(answer.path("state").asText()).isEqualTo("RECONCILE_REQUIRED");
        // KIS booked it once; the gateway did not send it again
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(kisOrders(symbol)).hasSize(before + 1));
        // the intent delivered again (a strategy retry) changes nothing
        post(intent(symbol, client, "BUY", 1, "00", limit));
        assertThat(kisOrders(symbol)).hasSize(before + 1);
    }

    /**
     * KIS books the order and answers with its headers at once, then the body a byte a second: the 1,500 ms request
     * timeout covers the body too (the call used to wait out the whole body, minutes), the order is
     * RECONCILE_REQUIRED and reconciliation finds it at KIS.
     */
    @Test
    void anAnswerWhoseBodyDripsPastTheRequestTimeoutIsReconcileRequiredAndReconciled() throws Exception {
        gateway.simAdmin("POST", "/faults/rest/ambiguous-orders", "{\"count\":1,\"mode\":\"drip\",\"delayMillis\":1000}");
        String symbol = "035420";
        int before = kisOrders(symbol).size();
        String client = id("drip");
        long started = System.nanoTime();
        JsonNode answer = post(intent(symbol, client, "BUY", 1, "00", away(symbol, -4)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the minutes the body takes, cut at 1.5 s")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(answer.path("state").asText()).isEqualTo("RECONCILE_REQUIRED");
        assertThat(kisOrders(symbol)).hasSize(before + 1);

        OrderRecord settled = reconciledAcked(client);
        assertThat(settled.kisOrderNo()).isEqualTo(kisOrders(symbol).get(before).odno());
        cancelIfWorking(client);
    }

    /**
     * KIS's clock 8 s behind the host's: KIS stamps an order 8 s before the gateway sent it, outside the matcher's
     * 5 s window. The gateway measures the skew from KIS's Date headers, alerts (the kis-clock-skew check DOWN, in
     * /q/health, not in readiness) and widens the window by it, so an unproven send is still matched, not taken for
     * an external order. Once KIS's clock agrees again the alert clears.
     */
    @Test
    void aSkewedKisClockIsMeasuredAlertedAndAnUnprovenSendStillMatches() throws Exception {
        String symbol = "068270";
        String client = id("skew");
        try {
            gateway.simAdmin("POST", "/clock", "{\"skewMillis\":-8000}");
            inquireSeveralTimes(20);
            gateway.simAdmin("POST", "/faults/rest/ambiguous-orders", "{\"count\":1,\"mode\":\"drop\"}");
            int before = kisOrders(symbol).size();
            JsonNode answer = post(intent(symbol, client, "BUY", 1, "00", away(symbol, -4)));
            assertThat(answer.path("state").asText()).isEqualTo("RECONCILE_REQUIRED");
            OrderView atKis = kisOrders(symbol).get(before);
            OrderRecord sent = gateway.order(client);
            assertThat(Duration.between(sent.createdAt(), atKis.orderedAt().toInstant()))
                    .as("KIS's order time is more than 5 s before the gateway sent it")
                    .isLessThan(Duration.ofSeconds(-5));

            OrderRecord settled = reconciledAcked(client);
            assertThat(settled.kisOrderNo()).isEqualTo(atKis.odno());

            assertThat(metric("kis_clock_skew_seconds")).isBetween(-9.0, -7.0);
            assertThat(healthCheck("kis-clock-skew").path("status").asText()).isEqualTo("DOWN");
            assertThat(GatewayUnderTest.json(gateway.get("/q/health/ready").body()).path("checks").findValuesAsText("name"))
                    .doesNotContain("kis-clock-skew");
        } finally {
            gateway.simAdmin("POST", "/clock", "{\"skewMillis\":0}");
        }
        inquireSeveralTimes(20);
        assertThat(metric("kis_clock_skew_seconds")).isBetween(-1.5, 1.5);
        assertThat(healthCheck("kis-clock-skew").path("status").asText()).isEqualTo("UP");
        cancelIfWorking(client);
    }

    /** Reconciles until the order is ACKED: a run already under way (a timer's, a reconnect's) skips ours. */
    private static OrderRecord reconciledAcked(String client) {
        kisgateway.app.service.reconciliation.ReconciliationService reconciliation = gateway.app().services().bean("reconciliation");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            reconciliation.reconcile("sim", "test");
            assertThat(gateway.order(client).state()).isEqualTo(OrderState.ACKED);
        });
        return gateway.order(client);
    }

    /**
     * Inquire-price calls, each a sample of KIS's Date header; one refused by KIS's rate limit (calls bunched on a
     * busy machine) is a sample too: its answer has a Date.
     */
    private static void inquireSeveralTimes(int calls) {
        kisgateway.app.service.kisaccess.KisClients kis = gateway.app().services().kis();
        for (int i = 0; i < calls; i++) {
            try {
                kis.inquiry().price(kis.accounts().require("sim"), SYMBOL, kisgateway.kis.rest.CallTerms.query());
            } catch (kisgateway.kis.error.KisRateLimited e) {
                // answered all the same
            }
        }
    }

    private static double metric(String name) throws Exception {
        for (String line : gateway.get("/q/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no meter " + name);
    }

    private static JsonNode healthCheck(String name) throws Exception {
        for (JsonNode check : GatewayUnderTest.json(gateway.get("/q/health").body()).path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no health check " + name);
    }

    @Test
    void anOrderPersistedButNotSentBeforeACrashIsSentWhenItsIntentIsRedelivered() throws Exception {
        String client = id("crash");
        String json = intent("010140", client, "BUY", 1, "00", away("010140", -4));
        // the first attempt got as far as the database (INTENT_CREATED) and died
        gateway.orders().create((OrderIntent) gateway.app().services().<IntentParser>bean("intentParser").parse(json));
        assertThat(gateway.order(client).state()).isEqualTo(OrderState.INTENT_CREATED);
        gateway.sendJms("kis.order.intents", json, Map.of());
        OrderRecord order = awaitState(client, OrderState.ACKED);
        assertThat(kisOrders("010140")).filteredOn(o -> o.odno().equals(order.kisOrderNo())).hasSize(1);
        cancelIfWorking(client);
    }

    @Test
    void aMalformedIntentOnTheQueueIsDeadLetteredWithItsReasonAndTheIntakeKeepsGoing() throws Exception {
        String marker = id("poison");
        gateway.sendJms("kis.order.intents", "{\"clientOrderId\":\"" + marker + "\",\"account\":\"sim\"", Map.of("marker", marker));
        gateway.sendJms("kis.order.intents", "{\"clientOrderId\":\"" + marker + "-2\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\",\"price\":\"71000.5\"}", Map.of("marker", marker));
        String good = id("good");
        gateway.sendJms("kis.order.intents", intent("001510", good, "BUY", 1, "00", away("001510", -4)), Map.of());
        awaitState(good, OrderState.ACKED);
        cancelIfWorking(good);
        try (Connection c = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer dlq = s.createConsumer(s.createQueue("DLQ.kis.order.intents"), "marker = '" + marker + "'");
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                TextMessage m = (TextMessage) dlq.receive(10_000);
                assertThat(m).isNotNull();
                assertThat(m.getStringProperty("x_error_route")).isEqualTo("consumeOrderIntents");
                reasons.add(m.getStringProperty("x_error_reason"));
            }
            assertThat(reasons).anySatisfy(r -> assertThat(r).containsIgnoringCase("json"));
            assertThat(reasons).anySatisfy(r -> assertThat(r).contains("price"));
        }
        assertThat(gateway.orders().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, marker)).isEmpty();
    }

    @Test
    void restIntakeAuthenticatesAndAuthorises() throws Exception {
        String json = intent(id("auth"), "BUY", 1, "01", null);
        assertThat(gateway.postIntent(json, null).statusCode()).isEqualTo(401);
        assertThat(gateway.postIntent(json, "wrong-key").statusCode()).isEqualTo(401);
        HttpResponse<String> otherAccount = gateway.postIntent(json.replace("\"account\":\"sim\"", "\"account\":\"nope\""));
        assertThat(otherAccount.statusCode()).isEqualTo(400);
        HttpResponse<String> otherStrategy = gateway.postIntent(json.replace("\"strategyId\":\"demo\"", "\"strategyId\":\"other\""));
        assertThat(otherStrategy.statusCode()).isEqualTo(403);
        assertThat(gateway.get("/api/orders/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        // bad input is answered at once, with the reason, and makes no order
        String cut = id("bad");
        HttpResponse<String> notJson = gateway.postIntent("{\"clientOrderId\":\"" + cut + "\",\"account\":\"sim\"");
        assertThat(notJson.statusCode()).as(notJson.body()).isEqualTo(400);
        assertThat(GatewayUnderTest.json(notJson.body()).path("error").asText()).isNotBlank();
        String offTick = id("bad");
        HttpResponse<String> badPrice = gateway.postIntent(intent(offTick, "BUY", 1, "00", null)
                .replace("\"orderType\":\"00\"", "\"orderType\":\"00\",\"price\":\"71000.5\""));
        assertThat(badPrice.statusCode()).as(badPrice.body()).isEqualTo(400);
        assertThat(GatewayUnderTest.json(badPrice.body()).path("error").asText()).contains("price");
        HttpResponse<String> noQuantity = gateway.postIntent(intent(id("bad"), "BUY", 1, "01", null)
                .replace("\"quantity\":1,", ""));
        assertThat(noQuantity.statusCode()).as(noQuantity.body()).isEqualTo(400);
        assertThat(GatewayUnderTest.json(noQuantity.body()).path("error").asText()).contains("quantity");
        assertThat(gateway.orders().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, cut)).isEmpty();
        assertThat(gateway.orders().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, offTick)).isEmpty();
    }

    @Test
    void theOpenApiDocumentIsServedAndMatchesTheOneInDocs() throws Exception {
        HttpResponse<String> served = gateway.get("/api/openapi.json");
        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode doc = GatewayUnderTest.json(served.body());
        assertThat(doc.path("paths").has("/api/orders")).isTrue();
        assertThat(doc.path("paths").has("/api/orders/{id}")).isTrue();
        JsonNode kept = GatewayUnderTest.json(java.nio.file.Files.readString(
                kisgateway.testing.TestConfig.projectDir().resolve("docs/openapi.json")));
        assertThat(kept.path("paths")).as("docs/openapi.json is the served document").isEqualTo(doc.path("paths"));
    }

    static void moveKillSwitch(String scope, String key, String state) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + gateway.app().config().require("gateway.http.port") + "/api/admin/trading-states/"
                                + scope + "/" + key)).header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"" + state + "\",\"reason\":\"test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
