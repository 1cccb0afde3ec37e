package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import kisgateway.kis.ws.KisRealtimeSession;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.Test;

/** The execution-notice session against a misbehaving KIS: the old notice layout, and refused connections. */
class NoticeSessionResilienceTest {

    private static void awaitLive(GatewayUnderTest gateway) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var sessions = gateway.app().services().realtimeSessions().live();
            return !sessions.isEmpty() && sessions.values().stream().allMatch(KisRealtimeSession::isLive);
        });
    }

    @Test
    void theOlderTwentyThreeFieldLayoutIsReadAsWell() throws Exception {
        try (GatewayUnderTest gateway = GatewayUnderTest.start(Map.of("sim.notice-fields", "23"))) {
            awaitLive(gateway);
            String client = "old-" + UUID.randomUUID().toString().substring(0, 8);
            var r = gateway.postIntent("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                    + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":4,\"orderType\":\"01\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(gateway.order(client).state()).isEqualTo(OrderState.FILLED));
            OrderRecord order = gateway.order(client);
            long truth = gateway.simulator().truth().account("50000001").fills().stream()
                    .filter(f -> f.odno().equals(order.kisOrderNo())).mapToLong(f -> f.qty()).sum();
            assertThat(truth).isEqualTo(4);
            // filled by the stream itself (the older layout read), not recovered by a backfill or reconciliation,
            // and every fill on kis.fills once
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fillRows(gateway, order))
                    .isEqualTo("STREAM/4/published"));
            try (Connection c = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection()) {
                c.start();
                Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer queue = session.createConsumer(session.createQueue("kis.fills"));
                Map<String, Long> onQueue = new HashMap<>();
                Message m;
                while ((m = queue.receive(1_000)) != null) {
                    JsonNode report = GatewayUnderTest.json(((TextMessage) m).getText()).path("report");
                    if (report.path("order_ref").path("order_id").asText().equals(order.kisOrderNo())) {
                        Long before = onQueue.put(report.path("execution_id").asText(),
                                Long.parseLong(report.path("quantity").asText()));
                        assertThat(before).as("a fill published twice").isNull();
                    }
                }
                assertThat(onQueue.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(truth);
            }
        }
    }

    /** source / quantity / published of an order's fill rows, e.g. "STREAM/4/published". */
    private static String fillRows(GatewayUnderTest gateway, OrderRecord order) throws Exception {
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var ps = c.prepareStatement("select string_agg(distinct source, ','), sum(quantity), "
                     + "bool_and(published_at is not null) from fills where order_id = ?")) {
            ps.setObject(1, order.orderId());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + "/" + rs.getLong(2) + "/" + (rs.getBoolean(3) ? "published" : "unpublished");
            }
        }
    }

    @Test
    void reconnectAttemptsNeverExceedTheBreakerCeilingWhenKisRefusesEveryConnection() throws Exception {
        try (GatewayUnderTest gateway = GatewayUnderTest.start(Map.of(
                "fills.ws.initial-backoff-ms", "100",
                "fills.ws.max-backoff-ms", "400",
                "fills.ws.max-failures-per-minute", "3",
                "fills.ws.breaker-cooldown-seconds", "300"))) {
            awaitLive(gateway);
            gateway.simAdmin("POST", "/faults/ws/refuse", "{\"seconds\":60}");
            long refusedBefore = gateway.simulator().stats().wsUpgradesRefused();
            gateway.simAdmin("POST", "/faults/ws/drop", null);
            // the breaker opens after 3 failures and the session stays down: no tight loop against KIS
            await().atMost(Duration.ofSeconds(20)).until(() -> gateway.app().services().realtimeSessions().live()
                    .values().stream().allMatch(s -> s.state() == KisRealtimeSession.State.BROKEN));
            long attemptsWhenBroken = gateway.simulator().stats().wsUpgradesRefused() - refusedBefore;
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(gateway.simulator().stats().wsUpgradesRefused() - refusedBefore).isEqualTo(attemptsWhenBroken));
            assertThat(attemptsWhenBroken).isBetween(1L, 3L);
            // and the stream reports itself DOWN meanwhile
            assertThat(gateway.get("/q/health").body()).contains("not live");
        }
    }
}
