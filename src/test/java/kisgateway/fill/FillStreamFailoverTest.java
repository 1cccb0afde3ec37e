package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.app.broker.EmbeddedBroker;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimulatorSettings;
import kisgateway.sim.trading.Fill;
import kisgateway.testing.EmbeddedZooKeeper;
import kisgateway.testing.GatewayProcess;
import kisgateway.testing.RunsAlone;
import kisgateway.testing.TestConfig;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two gateway processes on one machine sharing PostgreSQL, Artemis and KIS (the simulator): only one holds the
 * WebSocket at a time (the leader of the cluster service, a file lock or ZooKeeper); the leader is killed (SIGKILL, no goodbye) and the other takes
 * the stream over within 10 s, backfilling what was said while nobody listened: no fill lost or doubled.
 */
@RunsAlone
class FillStreamFailoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANO = "50000001";
    private final HttpClient http = HttpClient.newHttpClient();

    /** The file lock (instances on one machine) and ZooKeeper (instances on several; a real server here). */
    @ParameterizedTest(name = "fills.cluster.type={0}")
    @ValueSource(strings = {"file", "zookeeper"})
    void theFollowerTakesOverWithinTenSecondsAndNoFillIsLostOrDoubled(String clusterType, @TempDir Path dir)
            throws Exception {
        Path cluster = Files.createDirectories(dir.resolve("cluster"));
        int brokerPort = TestConfig.freePort();
        try (EmbeddedZooKeeper zooKeeper = "zookeeper".equals(clusterType) ? EmbeddedZooKeeper.start(dir.resolve("zk")) : null;
             EmbeddedDatabase db = EmbeddedDatabase.start(null, 0, false);
             EmbeddedBroker broker = EmbeddedBroker.start(TestConfig.projectDir().resolve("config/artemis/broker.xml"),
                     dir.resolve("artemis"), 77, "127.0.0.1", brokerPort);
             KisSimulator kis = KisSimulator.start(SimulatorSettings.builder().restPort(0).wsPort(0)
                     .pricePathFrozen(true).build());
             ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort,
                     broker.users().gateway().user(), broker.users().gateway().password());
             Connection jms = cf.createConnection()) {
            jms.start();
            GatewayProcess.openRegularSession(kis);
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer fills = session.createConsumer(session.createQueue("kis.fills"));

            List<String> clusterArgs = zooKeeper == null
                    ? List.of("-Dfills.cluster.type=file", "-Dfills.cluster.root=" + cluster,
                            "-Dfills.cluster.acquire-interval-ms=500")
                    : List.of("-Dfills.cluster.type=zookeeper", "-Dfills.cluster.zookeeper.nodes=" + zooKeeper.connectString(),
                            // a killed leader keeps its ZooKeeper session this long: the failover's floor
                            "-Dfills.cluster.zookeeper.session-timeout-ms=5000");
            int portA = TestConfig.freePort();
            int portB = TestConfig.freePort();
            Process a = GatewayProcess.launch(dir.resolve("a"), portA, db, broker, kis, clusterArgs);
            Process b = null;
            try {
                GatewayProcess.awaitHealthy(portA);
                await().atMost(Duration.ofSeconds(20)).until(() -> openSessions(kis) == 1);
                b = GatewayProcess.launch(dir.resolve("b"), portB, db, broker, kis, clusterArgs);
                GatewayProcess.awaitHealthy(portB);

                AtomicInteger maxSessions = new AtomicInteger(openSessions(kis));
                Thread watcher = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        maxSessions.accumulateAndGet(openSessions(kis), Math::max);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "session-watcher");
                watcher.setDaemon(true);
                watcher.start();

                List<String> orders = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    orders.add(marketBuy(portB, i % 2 == 0 ? "005930" : "000660", 5 + i));
                }
                long connectsBefore = kis.stats().wsConnectsTotal();
                a.destroyForcibly();
                long killedAt = System.nanoTime();
                // orders placed while nobody listens to the stream: their notices are gone, the backfill finds them
                for (int i = 0; i < 3; i++) {
                    orders.add(marketBuy(portB, "035420", 3 + i));
                }
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> kis.stats().wsConnectsTotal() > connectsBefore && openSessions(kis) == 1);
                long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
                System.out.println("stream failover (" + clusterType + ") after " + failoverMs + " ms");
                assertThat(failoverMs).isLessThan(10_000);
                for (int i = 0; i < 3; i++) {
                    orders.add(marketBuy(portB, "005380", 2 + i));
                }

                Map<String, JsonNode> published = new HashMap<>();
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    Message m;
                    while ((m = fills.receive(100)) != null) {
                        JsonNode fill = JSON.readTree(((TextMessage) m).getText());
                        assertThat(published.put(fill.path("report").path("execution_id").asText(), fill))
                                .as("a fill published twice").isNull();
                    }
                    for (String odno : orders) {
                        long onQueue = published.values().stream()
                                .filter(f -> f.path("report").path("order_ref").path("order_id").asText().equals(odno))
                                .mapToLong(f -> Long.parseLong(f.path("report").path("quantity").asText())).sum();
                        long atKis = kis.truth().account(CANO).fills().stream().filter(f -> f.odno().equals(odno))
                                .mapToLong(Fill::qty).sum();
                        assertThat(atKis).isPositive();
                        assertThat(onQueue).as("fills of %s on kis.fills", odno).isEqualTo(atKis);
                    }
                });
                watcher.interrupt();
                assertThat(maxSessions.get()).as("never two sockets for one app key").isLessThanOrEqualTo(1);
            } finally {
                a.destroyForcibly();
                if (b != null) {
                    b.destroy();
                    b.waitFor(30, TimeUnit.SECONDS);
                    b.destroyForcibly();
                }
            }
        }
    }

    /** Open WebSocket sessions, as the simulator's admin API reports them. */
    private static int openSessions(KisSimulator kis) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(kis.restBaseUrl() + "/sim/admin/stats")).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).findPath("openSessions").asInt(-1);
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** @return the KIS order number of the new order */
    private String marketBuy(int port, String symbol, int qty) throws Exception {
        String client = "ha-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .header("X-Api-Key", "sim-demo-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\","
                        + "\"strategyId\":\"demo\",\"symbol\":\"" + symbol + "\",\"side\":\"BUY\",\"quantity\":" + qty
                        + ",\"orderType\":\"01\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode order = JSON.readTree(r.body());
        assertThat(order.path("kisOrderNo").asText()).as(r.body()).hasSize(10);
        return order.path("kisOrderNo").asText();
    }
}
