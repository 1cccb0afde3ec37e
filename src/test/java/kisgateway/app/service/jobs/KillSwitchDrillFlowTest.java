package kisgateway.app.service.jobs;

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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import kisgateway.order.OrderState;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The weekly kill-switch drill against the simulator, its clock moved to the drill's slot (a Monday's opening
 * call): it runs once in its slot, rests an order at KIS, halts the drill strategy, sees a new intent denied and the
 * resting order canceled at KIS, and puts the switch back; made to refuse cancels, KIS fails the drill, and says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillSwitchDrillFlowTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** A Monday the holiday calendar knows to trade. */
    private static final LocalDate SLOT = LocalDate.of(2027, 3, 8);
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));

    private static GatewayUnderTest gateway;
    private static Connection connection;
    private static MessageConsumer drills;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.of(
                "gateway.strategies", "demo,drill",
                "gateway.strategy.drill.accounts", "sim",
                "ops.drill.strategy", "drill",
                "ops.drill.account", "sim",
                "ops.drill.poll-ms", "300",
                "ops.drill.step-timeout-ms", "6000",
                // the jump to the slot outlives the access token: the next one at once, not a minute later
                "sim.token-issue-min-interval-ms", "0"));
        gateway.awaitReady();
        connection = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection();
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        drills = session.createConsumer(session.createQueue("kis.ops.drills"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void theDrillRunsOnceInItsSlotAndProvesTheSwitchAtKis() throws Exception {
        assertThat(health().path("status").asText()).as("no drill has passed yet").isEqualTo("DOWN");
        gateway.simAdmin("POST", "/clock", "{\"time\":\"" + SLOT.atTime(8, 41).atZone(SEOUL).toOffsetDateTime() + "\"}");

        JsonNode drill = await().atMost(Duration.ofSeconds(30)).until(() -> next(500), d -> d != null);
        assertThat(drill.path("outcome").asText()).as(drill.toString()).isEqualTo("PASSED");
        assertThat(drill.path("trigger").asText()).isEqualTo("SCHEDULE");
        assertThat(drill.path("haltToCancelMs").asLong()).isPositive().isLessThan(6000);
        String resting = drill.path("restingClientOrderId").asText();
        assertThat(gateway.order("drill", resting).state()).isEqualTo(OrderState.CANCELED);
        String odno = gateway.order("drill", resting).kisOrderNo();
        assertThat(gateway.simulator().truth().account("50000001").orders()).anySatisfy(o -> {
            assertThat(o.odno()).isEqualTo(odno);
            assertThat(o.state().name()).isEqualTo("CANCELED");
        });
        assertThat(gateway.order("drill", drill.path("drillId").asText() + "-probe").state())
                .isEqualTo(OrderState.DENIED);
        assertThat(row("select state || '/' || changed_by from trading_states where scope = 'STRATEGY'"
                + " and scope_key = 'drill'")).isEqualTo("ACTIVE/kill-switch-drill");
        assertThat(row("select count(*) from kill_switch_drills where account = 'sim' and passed")).isEqualTo("1");

        // polls inside the slot find it taken
        assertThat(next(2_000)).as("one drill per slot").isNull();
        assertThat(row("select count(*) from kill_switch_drills where account = 'sim'")).isEqualTo("1");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(health().path("status").asText()).isEqualTo("UP"));
        assertThat(gateway.get("/q/metrics").body()).contains("kis_drill_last_success_timestamp_seconds{account=\"sim\"}");
    }

    @Test
    @Order(2)
    void aCancelKisRefusesFailsTheDrillAtItsCancelAndSaysSo() throws Exception {
        gateway.simAdmin("POST", "/faults/rest/fail",
                "{\"count\":1000,\"status\":500,\"msgCd\":\"EGW00002\",\"pathContains\":\"order-rvsecncl\"}");
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + gateway.app().config().require("gateway.http.port") + "/api/admin/drills"))
                    .header("Authorization", OPERATOR).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode drill = GatewayUnderTest.json(r.body());
            assertThat(drill.path("outcome").asText()).isEqualTo("FAILED");
            assertThat(drill.path("failedStep").asText()).isEqualTo("CANCEL");
            assertThat(drill.path("trigger").asText()).isEqualTo("OPERATOR:operator");
            JsonNode published = next(5_000);
            assertThat(published).isNotNull();
            assertThat(published.path("drillId").asText()).isEqualTo(drill.path("drillId").asText());
            JsonNode check = health();
            assertThat(check.path("status").asText()).isEqualTo("DOWN");
            assertThat(check.toString()).contains("failed at CANCEL");
            assertThat(row("select state from trading_states where scope = 'STRATEGY' and scope_key = 'drill'"))
                    .as("the switch is put back whatever the drill found").isEqualTo("ACTIVE");
        } finally {
            gateway.simAdmin("POST", "/faults/reset", null);
        }
    }

    private static JsonNode next(long waitMillis) throws Exception {
        TextMessage m = (TextMessage) drills.receive(waitMillis);
        if (m == null) {
            return null;
        }
        kisgateway.testing.ContractSchemas.assertValid("ops-drill.schema.json", m.getText());
        return GatewayUnderTest.json(m.getText());
    }

    private static JsonNode health() throws Exception {
        for (JsonNode c : GatewayUnderTest.json(gateway.get("/q/health").body()).path("checks")) {
            if (c.path("name").asText().equals("kill-switch-drill")) {
                return c;
            }
        }
        throw new AssertionError("no kill-switch-drill check");
    }

    private static String row(String sql) throws Exception {
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
