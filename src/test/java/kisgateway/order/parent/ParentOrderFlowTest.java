package kisgateway.order.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kisgateway.order.OrderState;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.testing.ContractSchemas;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 22's parent orders against the simulator over real HTTP: a TWAP that completes in its window, bad input
 * refused with no child sent, a HALTED switch that pauses a parent, and a gateway restarted mid-parent (the KIS
 * leader gone and back on the same database) that finishes it without doubling a child. Real time, windows of a
 * few seconds: the orchestrator reads the gateway's clock, which follows the simulator's session clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParentOrderFlowTest {

    private static final String SYMBOL = "005930";
    private static final java.time.format.DateTimeFormatter ISO = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private static Path database;
    private static Map<String, String> config;
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        database = Files.createTempDirectory("parent-orders-db");
        config = TestConfig.restartableOn(database, Map.ofEntries(
                Map.entry("parent-orders.round-period-ms", "100"),
                Map.entry("parent-orders.events.publish-period-ms", "200"),
                Map.entry("parent-orders.min-interval-ms", "500"),
                Map.entry("parent-orders.cancel-after-end-ms", "1000"),
                Map.entry("risk.limits.max-order-quantity", "1000")));
        gateway = GatewayUnderTest.start(config).awaitReady();
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
    void aTwapCompletesInItsWindowAndPublishesItsLife() throws Exception {
        try (Connection c = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = s.createConsumer(s.createTopic("kis.order.events"), "kind = 'PARENT'");

            JsonNode answer = GatewayUnderTest.json(post(twap("twap-1", 30, 3, 3)).body());
            assertThat(answer.path("kind").asText()).isEqualTo("PARENT");
            assertThat(answer.path("state").asText()).isIn("ACCEPTED", "WORKING");
            ParentOrder p = awaitParent("twap-1", ParentState.DONE, 20);

            List<ChildOrder> children = store().children(p.parentOrderId());
            assertThat(children).extracting(ChildOrder::plannedQuantity).containsExactly(10L, 10L, 10L);
            assertThat(children).allSatisfy(ch -> assertThat(ch.state()).isEqualTo(OrderState.FILLED));
            assertThat(children).extracting(ChildOrder::clientOrderId).containsExactly(p.parentOrderId() + ".1",
                    p.parentOrderId() + ".2", p.parentOrderId() + ".3");
            assertThat(ParentProgress.of(children).filled()).isEqualTo(30);

            List<String> states = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Message m = events.receive(200);
                if (m != null) {
                    String body = ((TextMessage) m).getText();
                    ContractSchemas.assertValid("parent-order-event.schema.json", body);
                    assertThat(m.getStringProperty("orderId")).isEqualTo(p.parentOrderId().toString());
                    states.add(GatewayUnderTest.json(body).path("to").asText());
                }
                return states.contains("DONE");
            });
            assertThat(states).containsExactly("ACCEPTED", "WORKING", "COMPLETING", "DONE");
        }
    }

    @Test
    @Order(2)
    void badParametersAWindowOutsideTheSessionAndAChildTheRiskCheckRefusesSendNothing() throws Exception {
        HttpResponse<String> slices = post(twap("bad-1", 30, 3, 0));
        assertThat(slices.statusCode()).isEqualTo(400);
        assertThat(GatewayUnderTest.json(slices.body()).path("error").asText())
                .contains("algorithm.slices").contains("minimum value of 1");

        // from the continuous session into the closing auction: not inside one window
        java.time.ZonedDateTime today = gateway.app().infrastructure().clock().instant()
                .atZone(java.time.ZoneId.of("Asia/Seoul")).withSecond(0).withNano(0);
        HttpResponse<String> window = post(parent("bad-2", 30, "01", null, "{\"type\":\"TWAP\",\"start\":\""
                + ISO.format(today.withHour(15).withMinute(10)) + "\",\"end\":\""
                + ISO.format(today.withHour(15).withMinute(25)) + "\",\"slices\":3}"));
        assertThat(window.statusCode()).isEqualTo(400);
        assertThat(GatewayUnderTest.json(window.body()).path("error").asText())
                .contains("is not inside one KRX session window that takes orderType 01");

        HttpResponse<String> refused = post(parent("bad-3", 5_000, "01", null,
                "{\"type\":\"TWAP\",\"durationSeconds\":10,\"slices\":2}"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(GatewayUnderTest.json(refused.body()).path("error").asText())
                .startsWith("the risk check refuses a child of this parent order: ");

        String overJms = twap("bad-4", 30, 3, 2_000);
        gateway.sendJms("kis.order.intents", overJms, Map.of());
        try (Connection c = gateway.brokerConnectionAs("operations")) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message dead = s.createConsumer(s.createQueue("DLQ.kis.order.intents")).receive(15_000);
            assertThat(dead).isNotNull();
            assertThat(((TextMessage) dead).getText()).isEqualTo(overJms);
            assertThat(dead.getStringProperty("x_error_reason")).contains("algorithm.slices must be 1..1000 slices");
        }
        for (String client : List.of("bad-1", "bad-2", "bad-3", "bad-4")) {
            assertThat(store().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, client)).as(client).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aHaltedSwitchPausesTheParentAndNoChildGoesUntilItIsCancelled() throws Exception {
        assertThat(post(twap("halt-1", 40, 8, 4)).statusCode()).isEqualTo(200);
        ParentOrder p = store().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, "halt-1").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> store().children(p.parentOrderId()).size() >= 1);

        var switches = gateway.app().services().killSwitches();
        switches.switchTo(KillSwitchScope.strategy(GatewayUnderTest.DEMO_STRATEGY), TradingState.HALTED, "test",
                "parent order flow test");
        try {
            awaitParent("halt-1", ParentState.PAUSED, 10);
            int sent = store().children(p.parentOrderId()).size();
            // two more slots pass while halted: no child
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> store().children(p.parentOrderId()).size() == sent);

            HttpResponse<String> cancel = post("{\"intent\":\"CANCEL\",\"clientOrderId\":\"halt-1-x\","
                    + "\"targetClientOrderId\":\"halt-1\",\"account\":\"sim\",\"strategyId\":\"demo\"}");
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            assertThat(GatewayUnderTest.json(cancel.body()).path("state").asText()).isIn("CANCELLING", "CANCELLED");
            awaitParent("halt-1", ParentState.CANCELLED, 10);
            switches.switchTo(KillSwitchScope.strategy(GatewayUnderTest.DEMO_STRATEGY), TradingState.ACTIVE, "test",
                    "parent order flow test done");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> store().children(p.parentOrderId()).size() == sent);
            assertThat(store().history(p.parentOrderId())).contains("WORKING -(PAUSE)-> PAUSED",
                    "PAUSED -(CANCEL)-> CANCELLING", "CANCELLING -(FINISH)-> CANCELLED");
        } finally {
            switches.switchTo(KillSwitchScope.strategy(GatewayUnderTest.DEMO_STRATEGY), TradingState.ACTIVE, "test",
                    "parent order flow test done");
        }
    }

    @Test
    @Order(4)
    void aGatewayRestartedMidParentFinishesItWithoutDoublingAChild() throws Exception {
        assertThat(post(twap("restart-1", 40, 8, 4)).statusCode()).isEqualTo(200);
        ParentOrder p = store().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, "restart-1").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> store().children(p.parentOrderId()).size() >= 1);

        Instant stoppedAt = gateway.app().infrastructure().clock().instant();
        long stoppedNanos = System.nanoTime();
        gateway.close();
        gateway = null;
        gateway = GatewayUnderTest.start(config);
        gateway.simulator().market().clock().set(stoppedAt.plusNanos(System.nanoTime() - stoppedNanos));
        gateway.awaitReady();

        ParentOrder done = awaitParent("restart-1", ParentState.DONE, 30);
        List<ChildOrder> children = store().children(done.parentOrderId());
        assertThat(children).allSatisfy(ch -> assertThat(ch.state()).isEqualTo(OrderState.FILLED));
        assertThat(children.stream().mapToLong(ChildOrder::plannedQuantity).sum()).isEqualTo(40);
        assertThat(ParentProgress.of(children).filled()).isEqualTo(40);
        assertThat(childOrderRows(done)).as("one order per child, none twice").isEqualTo(children.size());
    }

    private static long childOrderRows(ParentOrder p) throws Exception {
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var ps = c.prepareStatement("select count(*) from orders where client_order_id like ?")) {
            ps.setString(1, p.parentOrderId() + ".%");
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JdbcParentOrderStore store() {
        return gateway.app().services().bean("parentOrderStore");
    }

    private static ParentOrder awaitParent(String client, ParentState state, int seconds) {
        await().atMost(Duration.ofSeconds(seconds)).untilAsserted(() -> assertThat(
                store().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, client).orElseThrow().state()).isEqualTo(state));
        return store().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, client).orElseThrow();
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return gateway.postIntent(json);
    }

    private static String twap(String client, long quantity, int seconds, int slices) {
        return parent(client, quantity, "01", null, "{\"type\":\"TWAP\",\"durationSeconds\":" + seconds + ",\"slices\":"
                + slices + "}");
    }

    private static String parent(String client, long quantity, String orderType, String price, String algorithm) {
        return "{\"intent\":\"PARENT\",\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"quantity\":" + quantity + ",\"orderType\":\""
                + orderType + "\"" + (price == null ? "" : ",\"price\":\"" + price + "\"") + ",\"algorithm\":"
                + algorithm + "}";
    }
}
