package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.MessageConsumer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimulatorSettings;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.trading.Fill;
import kisgateway.testing.FillLedger;
import kisgateway.testing.ProcessBackends;
import kisgateway.testing.GatewayProcess;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes on one database, broker and simulator; the notices of a resting order's next executions
 * are held ({@code ws/silence} in {@code hold} mode) when the instance holding the stream is killed. The other
 * takes the stream over and infers the held executions from KIS; then the held notices arrive, on its socket, and
 * correct what it inferred: kis.fills carries the simulator's quantity and notional for the order, once.
 */
class LateNoticeAcrossFailoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANO = "50000001";
    private static final String SYMBOL = "105560";
    private final HttpClient http = HttpClient.newHttpClient();
    private final FillLedger ledger = new FillLedger();

    @Test
    void noticesHeldWhileTheLeaderChangesCorrectWhatTheNewLeaderInferred(@TempDir Path dir) throws Exception {
        try (ProcessBackends backends = ProcessBackends.start(dir, 80, SimulatorSettings.builder().fillLot(0))) {
            KisSimulator kis = backends.kis();
            MessageConsumer fills = backends.consumer("kis.fills");
            List<String> args = backends.fileCluster();
            int portA = TestConfig.freePort();
            int portB = TestConfig.freePort();
            Process a = backends.launch("a", portA, args);
            GatewayProcess.awaitHealthy(portA);
            backends.awaitStreamLive();
            backends.launch("b", portB, args);
            GatewayProcess.awaitHealthy(portB);

            long limit = kis.market().quote(SYMBOL).orElseThrow().price() - 3 * 100;
            String client = "ha-late-" + UUID.randomUUID().toString().substring(0, 8);
            String odno = restingBuy(portB, client, 30, limit);
            print(kis, limit, 5);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                ledger.drain(fills);
                assertThat(ledger.quantity(odno)).isEqualTo(5);
            });

            kis.faults().plan().silence(Duration.ofSeconds(20), FaultPlan.SilenceMode.HOLD);
            print(kis, limit, 7);
            print(kis, limit, 8);
            long connectsBefore = kis.stats().wsConnectsTotal();
            a.destroyForcibly();
            assertThat(a.waitFor(20, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> kis.stats().wsConnectsTotal() > connectsBefore);

            // the new leader infers the held executions before their notices come
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                ledger.drain(fills);
                assertThat(ledger.executions(odno)).anyMatch(e -> !e.source().equals("STREAM"));
                assertThat(ledger.quantity(odno)).isEqualTo(20);
            });
            assertThat(ledger.corrected(odno)).as("the notices are still held").isFalse();

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                ledger.drain(fills);
                assertThat(ledger.corrected(odno)).isTrue();
                assertThat(ledger.executions(odno)).allMatch(e -> e.source().equals("STREAM") || e.standing() == 0);
            });
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        ledger.drain(fills);
                        List<Fill> truth = kis.truth().account(CANO).fills().stream()
                                .filter(f -> f.odno().equals(odno)).toList();
                        assertThat(ledger.quantity(odno)).isEqualTo(20)
                                .isEqualTo(truth.stream().mapToLong(Fill::qty).sum());
                        assertThat(ledger.notional(odno)).isEqualByComparingTo(truth.stream()
                                .map(f -> BigDecimal.valueOf(f.price() * f.qty())).reduce(BigDecimal.ZERO, BigDecimal::add));
                        assertThat(order(portB, client).path("filledQuantity").asLong()).isEqualTo(20);
                    });
        }
    }

    /** @return its KIS order number */
    private String restingBuy(int port, String client, long quantity, long limit) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .header("X-Api-Key", "sim-demo-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\","
                        + "\"strategyId\":\"demo\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"quantity\":" + quantity
                        + ",\"orderType\":\"00\",\"price\":\"" + limit + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String odno = JSON.readTree(r.body()).path("kisOrderNo").asText();
        assertThat(odno).as(r.body()).hasSize(10);
        return odno;
    }

    private static void print(KisSimulator kis, long price, long quantity) {
        kis.market().print(SYMBOL, price, quantity);
    }

    private JsonNode order(int port, String client) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/orders/" + client)).header("X-Api-Key", "sim-demo-key").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
