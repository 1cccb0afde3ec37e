package kisgateway.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Clients that loop are refused for a while, as KIS blocks the IP and app key. */
class LoopBlockingTest {
    private static final LoopBlocking TIGHT = new LoopBlocking(5, Duration.ofSeconds(30), 3, Duration.ofSeconds(30),
            Duration.ofSeconds(2));

    private static int upgradeStatus(KisSimulator sim) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(sim.wsBaseUrl()),
                    new WebSocket.Listener() { }).join().abort();
            return 101;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    @Test
    void connectingAndDisconnectingInALoopGetsTheUpgradeRefusedForAWhile() {
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().loopBlocking(TIGHT).build())) {
            for (int i = 0; i < 5; i++) {
                assertThat(upgradeStatus(sim)).as("connect " + (i + 1)).isEqualTo(101);
            }
            assertThat(upgradeStatus(sim)).isEqualTo(403);
            assertThat(upgradeStatus(sim)).isEqualTo(403);
            assertThat(sim.stats().wsUpgradesRefused()).isEqualTo(2);
            await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                    .until(() -> upgradeStatus(sim) == 101);
        }
    }

    @Test
    void subscribingAndReleasingInALoopClosesTheSessionAndBlocksTheClient() {
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().loopBlocking(TIGHT).build())) {
            String approval = new KisTestClient(sim).approvalKey();
            try (WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl(), approval)) {
                for (int i = 0; i < 3; i++) {
                    ws.subscribe("H0STCNT0", "005930");
                    assertThat(ws.control("2", "H0STCNT0", "005930").path("body").path("msg_cd").asText())
                            .isEqualTo("OPSP0001");
                }
                ws.subscribe("H0STCNT0", "005930");
                ws.sendText(WsTestClient.subscribeFrame(approval, "2", "H0STCNT0", "005930"));
                assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(upgradeStatus(sim)).isEqualTo(403);
            await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                    .until(() -> upgradeStatus(sim) == 101);
        }
    }
}
