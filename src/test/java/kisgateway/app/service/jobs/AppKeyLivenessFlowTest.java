package kisgateway.app.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
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
import kisgateway.risk.RiskSettings;
import kisgateway.risk.session.KrxSessionCalendar;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.Test;

/**
 * App-key liveness against the simulator, its clock moved through days and months with its admin API: the job
 * waits while KRX is in session, the expiry alert fires once at its threshold, the idle alert once when the
 * keep-alive inquiry fails, and a keep-alive that KIS answers keeps the key alive without an alert.
 */
class AppKeyLivenessFlowTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));

    private static JsonNode appKey(GatewayUnderTest gateway) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + gateway.app().config().require("gateway.http.port") + "/api/admin/app-keys"))
                .header("Authorization", OPERATOR).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode keys = GatewayUnderTest.json(r.body());
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    private static double alerts(GatewayUnderTest gateway, String reason) {
        Counter c = gateway.app().services().meters().find("kis.appkey.alerts").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private static void clockTo(GatewayUnderTest gateway, LocalDate day, int hour) throws Exception {
        gateway.simAdmin("POST", "/clock", "{\"time\":\"" + day.atTime(hour, 30).atZone(SEOUL).toOffsetDateTime() + "\"}");
    }

    private static String lastChecked(GatewayUnderTest gateway) throws Exception {
        return appKey(gateway).path("lastCheckedAt").asText();
    }

    @Test
    void alertsFireOnceAtTheirThresholdsAndNeverInTradingHours() throws Exception {
        LocalDate today = LocalDate.now(SEOUL);
        KrxSessionCalendar calendar = KrxSessionCalendar.fromSettings(RiskSettings.fromProperties(Map.of()).session());
        LocalDate open = calendar.isTradingDay(today) ? today : calendar.nextTradingDay(today).orElseThrow();
        LocalDate expires = open.plusDays(40);
        try (GatewayUnderTest gateway = GatewayUnderTest.start(Map.of(
                "kis.account.sim.app-key-expires", expires.toString(),
                "kis.appkey.check-interval-hours", "24",
                "kis.appkey.check-poll-ms", "200",
                "kis.appkey.flush-ms", "200",
                "kis.appkey.keep-alive", "true",
                // each jump of the clock outlives the access token: the next one at once, not a minute later
                "sim.token-issue-min-interval-ms", "0"))) {
            // a trading morning: the start-up check waits for the session's end
            clockTo(gateway, open, 10);
            gateway.awaitReady();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> appKey(gateway).path("lastCheckedAt").isNull());
            clockTo(gateway, open, 18);
            await().atMost(Duration.ofSeconds(10)).until(() -> !appKey(gateway).path("lastCheckedAt").isNull());
            assertThat(appKey(gateway).path("expiryDaysLeft").asLong()).isEqualTo(40);
            assertThat(alerts(gateway, "expiry") + alerts(gateway, "idle")).isZero();

            // 29 days to expiry on a trading morning: due, but not in session
            LocalDate crossing = calendar.nextTradingDay(open.plusDays(10)).orElseThrow();
            String before = lastChecked(gateway);
            clockTo(gateway, crossing, 10);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> lastChecked(gateway).equals(before));
            assertThat(alerts(gateway, "expiry")).isZero();
            clockTo(gateway, crossing, 18);
            await().atMost(Duration.ofSeconds(10)).until(() -> alerts(gateway, "expiry") == 1);

            // the next day's check finds it still within the threshold: no second alert
            String crossed = lastChecked(gateway);
            clockTo(gateway, crossing.plusDays(1), 19);
            await().atMost(Duration.ofSeconds(10)).until(() -> !lastChecked(gateway).equals(crossed));
            assertThat(alerts(gateway, "expiry")).isEqualTo(1);
            assertThat(alerts(gateway, "idle")).isZero();

            // idle for two months; KIS refuses the keep-alive inquiry: the idle alert, once
            gateway.simAdmin("POST", "/faults/rest/fail", "{\"count\":1,\"status\":500,\"pathContains\":\"inquire-price\"}");
            LocalDate idle = crossing.plusDays(75);
            clockTo(gateway, idle, 19);
            await().atMost(Duration.ofSeconds(10)).until(() -> alerts(gateway, "idle") == 1);
            assertThat(appKey(gateway).path("idleWarning").asBoolean()).isTrue();

            // the next check: the keep-alive inquiry is answered, the key is alive again, no alert
            clockTo(gateway, idle.plusDays(1), 19);
            await().atMost(Duration.ofSeconds(10)).until(() -> !appKey(gateway).path("idleWarning").asBoolean());
            JsonNode alive = appKey(gateway);
            assertThat(alive.path("idleSeconds").asLong()).isLessThan(Duration.ofHours(1).toSeconds());
            assertThat(alive.path("lastSuccessAt").asText()).startsWith(idle.plusDays(1).toString());
            assertThat(alerts(gateway, "idle")).isEqualTo(1);
            assertThat(alerts(gateway, "expiry")).isEqualTo(1);

            // the expired key: the health check says so (not readiness), the metrics count the days
            // Camel shows a check's details with data=true
            JsonNode health = GatewayUnderTest.json(gateway.get("/q/health?data=true").body());
            JsonNode check = null;
            for (JsonNode c : health.path("checks")) {
                if (c.path("name").asText().equals("kis-app-keys")) {
                    check = c;
                }
            }
            assertThat(check).as(health.toString()).isNotNull();
            assertThat(check.path("status").asText()).isEqualTo("DOWN");
            assertThat(check.toString()).contains("expiryDaysLeft").doesNotContain(
                    gateway.app().config().require("kis.account.sim.app-key"));
            String metrics = gateway.get("/q/metrics").body();
            assertThat(metrics).contains("kis_appkey_expiry_days_left{").contains("kis_appkey_idle_seconds{")
                    .contains("kis_appkey_alerts_total{");
        }
    }
}
