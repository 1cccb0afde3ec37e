package kisgateway.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subscribe and release frames, their answers, the 41-registration limit and one session per app key. */
class WebSocketSubscriptionTest {
    private static final SimAccount SECOND = new SimAccount("PSSECONDKEY00000000000000000000000002",
            "second-secret", "secondhts", "50000002");
    private static KisSimulator sim;
    private static KisTestClient rest;

    @BeforeAll
    static void start() {
        sim = KisSimulator.start(SimulatorSettings.builder().accounts(List.of(SimAccount.demo(), SECOND))
                .approvalIssueMinInterval(Duration.ZERO)
                .loopBlocking(new LoopBlocking(1_000, Duration.ofSeconds(60), 1_000, Duration.ofSeconds(60),
                        Duration.ofSeconds(1))).build());
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
    void everyKisPathTakesTheUpgrade() {
        for (String path : List.of("", "/", "/tryitout", "/tryitout/H0STCNI0", "/tryitout/H0STCNT0")) {
            try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl() + path, rest.approvalKey())) {
                JsonNode ack = ws.subscribe("H0STCNT0", "005930");
                assertThat(ack.path("body").path("msg_cd").asText()).as(path).isEqualTo("OPSP0000");
            }
            rest.awaitNoOpenSessions();
        }
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(sim.wsBaseUrl() + "/elsewhere"), new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void noticeSubscriptionsAreEncryptedWithAFreshKeyAndIv() {
        try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl() + "/tryitout", rest.approvalKey())) {
            JsonNode ack = ws.subscribe("H0STCNI0", "simdemo");
            assertThat(ack.path("header").path("tr_id").asText()).isEqualTo("H0STCNI0");
            assertThat(ack.path("header").path("tr_key").asText()).isEqualTo("simdemo");
            assertThat(ack.path("header").path("encrypt").asText()).isEqualTo("Y");
            JsonNode body = ack.path("body");
            assertThat(body.path("rt_cd").asText()).isEqualTo("0");
            assertThat(body.path("msg1").asText()).isEqualTo("SUBSCRIBE SUCCESS");
            String key = body.path("output").path("key").asText();
            String iv = body.path("output").path("iv").asText();
            assertThat(key).matches("[a-z]{32}");
            assertThat(iv).matches("[0-9a-f]{16}");

            JsonNode tick = ws.subscribe("H0STCNT0", "005930");
            assertThat(tick.path("header").path("encrypt").asText()).isEqualTo("N");

            JsonNode released = ws.control("2", "H0STCNI0", "simdemo");
            assertThat(released.path("body").path("msg_cd").asText()).isEqualTo("OPSP0001");
            assertThat(released.path("body").path("msg1").asText()).startsWith("UNSUB");
            JsonNode again = ws.subscribe("H0STCNI0", "simdemo");
            assertThat(again.path("body").path("output").path("key").asText()).isNotEqualTo(key);
        }
    }

    @Test
    void duplicatesAndUnknownReleasesAreAnsweredWithErrors() {
        try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl(), rest.approvalKey())) {
            ws.subscribe("H0STCNT0", "000660");
            JsonNode dup = ws.subscribe("H0STCNT0", "000660");
            assertThat(dup.path("body").path("rt_cd").asText()).isEqualTo("1");
            assertThat(dup.path("body").path("msg_cd").asText()).isEqualTo("OPSP0002");
            assertThat(dup.path("body").path("msg1").asText()).isEqualTo("ALREADY IN SUBSCRIBE");
            JsonNode notThere = ws.control("2", "H0STCNT0", "035420");
            assertThat(notThere.path("body").path("msg_cd").asText()).isEqualTo("OPSP0003");
            assertThat(notThere.path("body").path("rt_cd").asText()).isEqualTo("1");
        }
    }

    @Test
    void theFortySecondRegistrationIsRefused() {
        try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl(), rest.approvalKey())) {
            for (int i = 0; i < 41; i++) {
                JsonNode ack = ws.subscribe(i % 2 == 0 ? "H0STCNT0" : "H0STASP0", String.format("%06d", i));
                assertThat(ack.path("body").path("msg_cd").asText()).as("registration " + (i + 1))
                        .isEqualTo("OPSP0000");
            }
            JsonNode over = ws.subscribe("H0STCNT0", "999999");
            assertThat(over.path("body").path("msg_cd").asText()).isEqualTo("OPSP0008");
            assertThat(over.path("body").path("msg1").asText()).isEqualTo("MAX SUBSCRIBE OVER");
            assertThat(over.path("body").path("rt_cd").asText()).isEqualTo("1");
            assertThat(over.path("body").has("output")).isFalse();
            ws.control("2", "H0STCNT0", "000000");
            assertThat(ws.subscribe("H0STCNT0", "999999").path("body").path("msg_cd").asText()).isEqualTo("OPSP0000");
        }
    }

    @Test
    void aSecondSessionOfTheSameAppKeyIsRefusedUntilTheFirstCloses() {
        KisTestClient second = new KisTestClient(sim.restBaseUrl(), SECOND);
        WsTestClient first = WsTestClient.connect(sim.wsBaseUrl(), second.approvalKey());
        assertThat(first.subscribe("H0STCNI0", "secondhts").path("body").path("msg_cd").asText())
                .isEqualTo("OPSP0000");
        try (WsTestClient newcomer = WsTestClient.connect(sim.wsBaseUrl(), second.approvalKey())) {
            JsonNode refused = newcomer.subscribe("H0STCNT0", "005930");
            assertThat(refused.path("body").path("msg_cd").asText()).isEqualTo("OPSP8996");
            assertThat(refused.path("body").path("rt_cd").asText()).isEqualTo("1");
            assertThat(refused.path("body").path("msg1").asText()).contains("ALREADY IN USE appkey");
            first.close();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                    newcomer.subscribe("H0STCNT0", "005930").path("body").path("msg_cd").asText().equals("OPSP0000"));
        }
    }

    @Test
    void badFramesAreAnsweredWithTheirOpspCodes() {
        String approval = rest.approvalKey();
        try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl(), approval)) {
            int at = ws.frames.size();
            ws.sendText("{not json");
            assertThat(ws.awaitJson(at, n -> n.has("body")).path("body").path("msg_cd").asText())
                    .isEqualTo("OPSP9999");

            at = ws.frames.size();
            ws.sendText(WsTestClient.subscribeFrame("00000000-0000-0000-0000-000000000000", "1", "H0STCNT0",
                    "005930"));
            JsonNode badApproval = ws.awaitJson(at, n -> n.has("body"));
            assertThat(badApproval.path("body").path("msg_cd").asText()).isEqualTo("OPSP0011");
            assertThat(badApproval.path("header").path("tr_key").asText()).isEqualTo("005930");

            assertThat(ws.subscribe("H0STXXX0", "005930").path("body").path("msg_cd").asText())
                    .isEqualTo("OPSP8991");
            assertThat(ws.subscribe("H0STCNI9", "simdemo").path("body").path("msg_cd").asText())
                    .as("the paper notice TR on the real port").isEqualTo("OPSP8991");
            assertThat(ws.subscribe("H0STCNI0", "someoneelse").path("body").path("msg_cd").asText())
                    .isEqualTo("OPSP8992");
            assertThat(ws.control("3", "H0STCNT0", "005930").path("body").path("msg_cd").asText())
                    .isEqualTo("OPSP8997");

            at = ws.frames.size();
            ws.sendText("{\"body\":{\"input\":{\"tr_id\":\"H0STCNT0\",\"tr_key\":\"005930\"}}}");
            assertThat(ws.awaitJson(at, n -> n.has("body")).path("body").path("msg_cd").asText())
                    .isEqualTo("OPSP9998");
        }
    }
}
