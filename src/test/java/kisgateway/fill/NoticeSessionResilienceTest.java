package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
            // filled by the stream itself, not recovered by a backfill
            var fills = gateway.app().services().<FillBook>bean("fillBook").unpublished(100, 0);
            assertThat(gateway.orders().byId(order.orderId())).isPresent();
            assertThat(fills.stream().filter(f -> order.orderId().equals(f.orderId())).map(FillMessage::json))
                    .allSatisfy(json -> assertThat(json).contains("\"source\":\"STREAM\""));
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
