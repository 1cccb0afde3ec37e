package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import kisgateway.kis.KisFunction;
import kisgateway.kis.ws.KisRealtimeSession;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.Test;

/**
 * The execution-notice stream's health against a real gateway, on a scaled clock: the stale threshold is 1 s
 * (30 s as shipped), the back-off cap 4 s and the stale checks of an app key at most one per 2 s (one a minute
 * as shipped). Seen from outside only: /q/health, /q/health/ready, /q/metrics and the simulator's counts.
 */
class NoticeStreamHealthTest {

    private static final Map<String, String> SCALED = Map.of(
            "fills.silence-backfill-seconds", "1",
            "fills.silence-backfill-max-seconds", "4",
            "fills.silence-backfill-min-interval-seconds", "2",
            "fills.silence-check-ms", "100",
            "fills.backfill.delay-ms", "100",
            "fills.backfill.poll-ms", "100");

    /** What one look at the health endpoints saw. */
    private record Look(int ready, String stream, String message) {
    }

    @Test
    void aRestingOrderQuietForMinutesKeepsReadinessUpAndCostsOneQueryPerBackedOffCheck() throws Exception {
        try (GatewayUnderTest gateway = GatewayUnderTest.start(SCALED)) {
            awaitLiveAndReconciled(gateway);
            gateway.simulator().market().freeze(true);
            awaitNoMoreDailyQueries(gateway);

            long limit = gateway.priceAway("005930", -20);
            String client = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
            gateway.postAccepted("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                    + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\",\"price\":\"" + limit + "\"}");
            assertThat(gateway.awaitState(client, OrderState.ACKED).state()).isEqualTo(OrderState.ACKED);
            long before = dailyQueries(gateway);

            // 20 s here are 10 minutes as shipped: the order rests and no notice comes; the health endpoints are
            // looked at every 250 ms meanwhile
            List<Look> looks = new CopyOnWriteArrayList<>();
            await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> looks.add(look(gateway)));
            long queries = dailyQueries(gateway) - before;
            System.out.println("quiet resting order: " + queries + " inquire-daily-ccld calls in 20 s, " + looks.size()
                    + " looks at /q/health/ready, all " + looks.stream().map(l -> l.ready() + "/" + l.stream()).distinct().toList());

            assertThat(looks).as("looks at the health endpoints").hasSizeGreaterThan(40)
                    .allSatisfy(l -> assertThat(l).as("ready, and the stream healthy")
                            .isEqualTo(new Look(200, "UP", l.message())));
            assertThat(gateway.order(client).state()).as("still resting").isEqualTo(OrderState.ACKED);
            // checks at 0, 2, 6, 10, 14 and 18 s at the earliest (the wait doubles from 1 s to the 4 s cap, and
            // the first waits for the 2 s spacing); each starts its wait when the one before has answered, so on
            // a slow machine one fewer. Without the back-off it would be one every 1-2 s.
            assertThat(queries).as("inquire-daily-ccld calls in the 20 s").isBetween(4L, 6L);
            assertThat(metric(gateway, "kis_ws_stream_check_wait_seconds", "sim", null)).as("backed off to the cap")
                    .isEqualTo(4.0);
            assertThat(metric(gateway, "kis_ws_stream_checks_total", "sim", "gap")).isZero();
        }
    }

    @Test
    void noticesLostInASilenceAreAGapFoundByTheFirstBackfillAndUnhealthyUntilTheNextCleanCheck() throws Exception {
        try (GatewayUnderTest gateway = GatewayUnderTest.start(SCALED)) {
            awaitLiveAndReconciled(gateway);
            gateway.simulator().market().freeze(true);
            awaitNoMoreDailyQueries(gateway);
            double cleanBefore = metric(gateway, "kis_ws_stream_checks_total", "sim", "clean");
            assertThat(look(gateway).stream()).isEqualTo("UP");

            gateway.simAdmin("POST", "/faults/ws/silence", "{\"seconds\":5,\"mode\":\"drop\"}");
            String client = "lost-" + UUID.randomUUID().toString().substring(0, 8);
            gateway.postAccepted("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                    + "\"symbol\":\"000660\",\"side\":\"BUY\",\"quantity\":10,\"orderType\":\"01\"}");

            List<Look> looks = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Look look = look(gateway);
                looks.add(look);
                return look.stream().equals("DOWN");
            });
            Look gap = looks.get(looks.size() - 1);
            assertThat(gap.message()).contains("gap").contains("1 fill");
            List<String> readiness = new java.util.ArrayList<>();
            GatewayUnderTest.json(gateway.get("/q/health/ready").body()).path("checks")
                    .forEach(c -> readiness.add(c.path("name").asText()));
            assertThat(readiness).as("what readiness is made of").contains("database", "broker", "kis-token",
                    "reconciliation").doesNotContain("kis-notice-stream");
            // what Hawtio (and any JMX client) reads: Camel's health MBean says the same
            var jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            var health = jmx.queryNames(new javax.management.ObjectName("org.apache.camel:context="
                    + gateway.app().camelContext().getManagementName() + ",type=health,*"), null).iterator().next();
            assertThat(String.valueOf(jmx.getAttribute(health, "HealthChecksIDs"))).contains("kis-notice-stream");
            assertThat(jmx.getAttribute(health, "HealthyReadiness")).isEqualTo(true);
            assertThat(jmx.getAttribute(health, "Healthy")).isEqualTo(false);
            assertThat(metric(gateway, "kis_ws_stream_checks_total", "sim", "gap")).isEqualTo(1.0);
            assertThat(metric(gateway, "kis_ws_stream_checks_total", "sim", "clean"))
                    .as("the first check after the loss found it").isEqualTo(cleanBefore);
            assertThat(metric(gateway, "kis_ws_stream_gap_fills_total", "sim", null)).isEqualTo(1.0);
            assertThat(gateway.simulator().truth().account("50000001").fills()).as("what KIS filled")
                    .filteredOn(f -> f.odno().equals(gateway.order(client).kisOrderNo())).isNotEmpty();
            // the lost fills are in the books, recovered from KIS, and the order is done
            OrderRecord order = gateway.awaitState(client, OrderState.FILLED);
            assertThat(fillRows(gateway, order)).isEqualTo("BACKFILL/10");

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Look look = look(gateway);
                looks.add(look);
                return look.stream().equals("UP");
            });
            assertThat(metric(gateway, "kis_ws_stream_checks_total", "sim", "clean")).as("one clean check ended it")
                    .isEqualTo(cleanBefore + 1);
            assertThat(metric(gateway, "kis_ws_stream_checks_total", "sim", "gap")).isEqualTo(1.0);
            assertThat(looks).as("the gap never took the instance out of service")
                    .allSatisfy(l -> assertThat(l.ready()).isEqualTo(200));
        }
    }

    @Test
    void aSocketWithoutEvenPingPongIsUnhealthyButNotOutOfService() throws Exception {
        // KIS (the simulator) sends PINGPONG every 30 s: a session that wants a frame every 2 s finds it silent
        try (GatewayUnderTest gateway = GatewayUnderTest.start(Map.of("fills.ws.stale-after-seconds", "2"))) {
            awaitLiveAndReconciled(gateway);
            gateway.simulator().market().freeze(true);
            List<Look> looks = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Look look = look(gateway);
                looks.add(look);
                return look.stream().equals("DOWN");
            });
            assertThat(looks.get(looks.size() - 1).message()).contains("not even PINGPONG");
            assertThat(looks).allSatisfy(l -> assertThat(l.ready()).isEqualTo(200));
        }
    }

    private static void awaitLiveAndReconciled(GatewayUnderTest gateway) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var sessions = gateway.app().services().realtimeSessions().live();
            return !sessions.isEmpty() && sessions.values().stream().allMatch(KisRealtimeSession::isLive)
                    && gateway.get("/q/health/ready").statusCode() == 200;
        });
    }

    /** Start-up's reconciliation and the connect's backfill have made their queries: 2 s without one. */
    private static void awaitNoMoreDailyQueries(GatewayUnderTest gateway) {
        AtomicLong seen = new AtomicLong(-1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    long now = dailyQueries(gateway);
                    return seen.getAndSet(now) == now;
                });
    }

    private static long dailyQueries(GatewayUnderTest gateway) {
        var services = gateway.app().services();
        String appKey = services.kis().accounts().all().iterator().next().appKey().reveal();
        return gateway.simulator().stats().admitted(appKey,
                services.kis().environment().trId(KisFunction.DAILY_EXECUTIONS_RECENT));
    }

    private static Look look(GatewayUnderTest gateway) throws Exception {
        int ready = gateway.get("/q/health/ready").statusCode();
        JsonNode all = GatewayUnderTest.json(gateway.get("/q/health").body());
        for (JsonNode check : all.path("checks")) {
            if (check.path("name").asText().equals("kis-notice-stream")) {
                return new Look(ready, check.path("status").asText(), check.path("message").asText());
            }
        }
        throw new AssertionError("no kis-notice-stream check in " + all);
    }

    /** A sample of /q/metrics for the account (and outcome), 0 when absent. */
    private static double metric(GatewayUnderTest gateway, String name, String account, String outcome) throws Exception {
        for (String line : gateway.get("/q/metrics").body().split("\n")) {
            if (line.startsWith(name + "{") && line.contains("account=\"" + account + "\"")
                    && (outcome == null || line.contains("outcome=\"" + outcome + "\""))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** source / quantity of an order's fill rows, e.g. "BACKFILL/10". */
    private static String fillRows(GatewayUnderTest gateway, OrderRecord order) throws Exception {
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var ps = c.prepareStatement("select string_agg(distinct source, ','), sum(quantity) from fills where order_id = ?")) {
            ps.setObject(1, order.orderId());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + "/" + rs.getLong(2);
            }
        }
    }
}
