package kisgateway.sim;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PINGPONG from the server and both kinds of answer; H0STCNT0 ticks from the price path and admin prints. */
class RealtimeStreamTest {
    private static KisSimulator sim;
    private static KisTestClient rest;

    @BeforeAll
    static void start() {
        sim = KisSimulator.start(SimulatorSettings.builder().pingPongInterval(Duration.ofMillis(150))
                .approvalIssueMinInterval(Duration.ZERO).priceStepInterval(Duration.ofMillis(100))
                .pricePathFrozen(true).build());
        rest = new KisTestClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void sessionsGone() {
        rest.awaitNoOpenSessions();
    }

    @Test
    void theServerSendsPingpongAndAcceptsAPongFrameOrATextEcho() {
        try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl(), rest.approvalKey())) {
            ws.subscribe("H0STCNT0", "005930");
            JsonNode ping = ws.awaitJson(0, n -> n.path("header").path("tr_id").asText().equals("PINGPONG"));
            assertThat(ping.path("header").path("datetime").asText()).matches("\\d{14}");
            assertThat(ping.has("body")).isFalse();
            String raw = ws.frames.stream().filter(f -> f.contains("PINGPONG")).findFirst().orElseThrow();
            String appKey = SimAccount.demo().appKey();

            ws.sendPong(raw);
            await().atMost(5, TimeUnit.SECONDS).until(() -> sim.stats().count(appKey, "pongFrames") == 1);
            assertThat(rest.adminGet("/stats").body().path("appKeys").path(appKey).path("lastPingReply").asText())
                    .isEqualTo("pong");

            ws.sendText(raw);
            await().atMost(5, TimeUnit.SECONDS).until(() -> sim.stats().count(appKey, "pingTextEchoes") == 1);
            assertThat(rest.adminGet("/stats").body().path("appKeys").path(appKey).path("lastPingReply").asText())
                    .isEqualTo("text");
            assertThat(ws.closed).isNotDone();
        }
    }

    @Test
    void theRealDomainServesTheIntegratedKrxAndNxtStreamInTheSameFields() {
        try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl(), rest.approvalKey())) {
            assertThat(ws.subscribe("H0UNCNT0", "005930").path("body").path("msg_cd").asText()).isEqualTo("OPSP0000");
            rest.adminPost("/market/print", Map.of("symbol", "005930", "price", 72_000, "qty", 9));
            await().atMost(5, TimeUnit.SECONDS).until(() -> !ws.dataFrames("H0UNCNT0").isEmpty());
            String frame = ws.dataFrames("H0UNCNT0").get(0);
            assertThat(frame).startsWith("0|H0UNCNT0|001|005930^");
            assertThat(frame.split("\\|", 4)[3].split("\\^", -1)).hasSize(46);
        }
    }

    @Test
    void ticksCarryFortySixFieldsForSubscribedSymbolsOnly() {
        try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl(), rest.approvalKey())) {
            ws.subscribe("H0STCNT0", "005930");
            rest.adminPost("/market/print", Map.of("symbol", "000660", "price", 216_000, "qty", 5));
            rest.adminPost("/market/print", Map.of("symbol", "005930", "price", 72_000, "qty", 7));
            await().atMost(5, TimeUnit.SECONDS).until(() -> !ws.dataFrames("H0STCNT0").isEmpty());
            String frame = ws.dataFrames("H0STCNT0").get(0);
            assertThat(frame).startsWith("0|H0STCNT0|001|");
            String[] f = frame.split("\\|", 4)[3].split("\\^", -1);
            assertThat(f).hasSize(46);
            assertThat(f[0]).isEqualTo("005930");
            assertThat(f[1]).matches("\\d{6}");
            assertThat(f[2]).isEqualTo("72000");
            assertThat(f[3]).isEqualTo("2");
            assertThat(f[4]).isEqualTo("100");
            assertThat(f[5]).isEqualTo("0.14");
            assertThat(f[12]).isEqualTo("7");
            assertThat(f[33]).matches("\\d{8}");
            assertThat(f[34]).isEqualTo("20");
            assertThat(f[43]).isEqualTo("0");
            assertThat(ws.dataFrames("H0STCNT0")).allMatch(x -> x.split("\\|", 4)[3].startsWith("005930^"));
        }
    }

    @Test
    void askingPricesCarryFiftyNineFields() {
        try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl(), rest.approvalKey())) {
            ws.subscribe("H0STASP0", "035720");
            rest.adminPost("/market/print", Map.of("symbol", "035720", "price", 41_400, "qty", 3, "askQty", 120,
                    "bidQty", 80));
            await().atMost(5, TimeUnit.SECONDS).until(() -> !ws.dataFrames("H0STASP0").isEmpty());
            String[] f = ws.dataFrames("H0STASP0").get(0).split("\\|", 4)[3].split("\\^", -1);
            assertThat(f).hasSize(59);
            assertThat(f[0]).isEqualTo("035720");
            assertThat(f[3]).as("ASKP1").isEqualTo("41400");
            assertThat(f[4]).as("ASKP2").isEqualTo("41450");
            assertThat(f[13]).as("BIDP1").isEqualTo("41350");
            assertThat(f[23]).as("ASKP_RSQN1").isEqualTo("120");
            assertThat(f[33]).as("BIDP_RSQN1").isEqualTo("80");
        }
    }

    @Test
    void theSeededPricePathMovesPricesWithinTicksAndBands() {
        try (KisSimulator moving = KisSimulator.start(SimulatorSettings.builder()
                .priceStepInterval(Duration.ofMillis(20)).seed(42).build())) {
            KisTestClient c = new KisTestClient(moving);
            try (WsTestClient ws = WsTestClient.connect(moving.wsBaseUrl(), c.approvalKey())) {
                ws.subscribe("H0STCNT0", "005930");
                await().atMost(10, TimeUnit.SECONDS).until(() -> ws.dataFrames("H0STCNT0").size() >= 20);
                for (String frame : ws.dataFrames("H0STCNT0")) {
                    long price = Long.parseLong(frame.split("\\|", 4)[3].split("\\^")[2]);
                    assertThat(price).isBetween(50_400L, 93_400L);
                    assertThat(price % kisgateway.sim.market.TickSize.at(price)).isZero();
                }
            }
        }
    }
}
