package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kisgateway.app.broker.EmbeddedBroker;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimulatorSettings;
import kisgateway.testing.GatewayProcess;
import kisgateway.testing.TestConfig;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same client order id makes one KIS order across gateway instances and across a crash: two gateway processes
 * on one PostgreSQL, Artemis and simulator get the same intent at once (REST to each, and the JMS queue both
 * consume); then one is killed (SIGKILL), started again, and gets it once more over REST and JMS. KIS (the
 * simulator) holds one order throughout.
 */
class DuplicateIntentAcrossInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANO = "50000001";
    private static final String SYMBOL = "068270";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void oneKisOrderWhateverTheInstanceAndAfterACrashAndRestart(@TempDir Path dir) throws Exception {
        int brokerPort = TestConfig.freePort();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(null, 0, false);
             EmbeddedBroker broker = EmbeddedBroker.start(TestConfig.projectDir().resolve("config/artemis/broker.xml"),
                     dir.resolve("artemis"), 78, "127.0.0.1", brokerPort);
             KisSimulator kis = KisSimulator.start(SimulatorSettings.builder().restPort(0).wsPort(0)
                     .pricePathFrozen(true).build());
             ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort,
                     broker.users().gateway().user(), broker.users().gateway().password());
             Connection jms = cf.createConnection();
             // intents go as the demo strategy's broker user: the gateway takes one only from its strategy's user
             Connection strategy = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort)
                     .createConnection(broker.users().login("strategy").user(), broker.users().login("strategy").password())) {
            GatewayProcess.openRegularSession(kis);
            jms.start();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session strategySession = strategy.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer intents = strategySession.createProducer(strategySession.createQueue("kis.order.intents"));
            intents.setDeliveryMode(DeliveryMode.PERSISTENT);

            List<String> clusterArgs = List.of("-Dfills.cluster.type=file",
                    "-Dfills.cluster.root=" + Files.createDirectories(dir.resolve("cluster")),
                    "-Dfills.cluster.acquire-interval-ms=500");
            int portA = TestConfig.freePort();
            int portB = TestConfig.freePort();
            Process a = GatewayProcess.launch(dir.resolve("a"), portA, db, broker, kis, clusterArgs);
            Process b = GatewayProcess.launch(dir.resolve("b"), portB, db, broker, kis, clusterArgs);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                GatewayProcess.awaitHealthy(portA);
                GatewayProcess.awaitHealthy(portB);
                String client = "dup-" + UUID.randomUUID().toString().substring(0, 8);
                String intent = "{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                        + "\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"quantity\":7,\"orderType\":\"01\"}";

                // at once: REST to each instance and the queue both consume
                Future<JsonNode> toA = pool.submit(() -> post(portA, intent));
                Future<JsonNode> toB = pool.submit(() -> post(portB, intent));
                Future<?> overJms = pool.submit(() -> {
                    intents.send(strategySession.createTextMessage(intent));
                    return null;
                });
                overJms.get(10, TimeUnit.SECONDS);
                String orderId = toA.get(30, TimeUnit.SECONDS).path("orderId").asText();
                assertThat(toB.get(30, TimeUnit.SECONDS).path("orderId").asText()).isEqualTo(orderId);
                awaitOneKisOrderAndNoIntentLeft(kis, session);
                assertThat(ordersWithClientId(db, client)).isEqualTo(1);

                // the instance dies without a goodbye and comes back on the same database and broker
                a.destroyForcibly();
                assertThat(a.waitFor(20, TimeUnit.SECONDS)).isTrue();
                a = GatewayProcess.launch(dir.resolve("a"), portA, db, broker, kis, clusterArgs);
                GatewayProcess.awaitHealthy(portA);
                assertThat(post(portA, intent).path("orderId").asText()).isEqualTo(orderId);
                intents.send(strategySession.createTextMessage(intent));
                awaitOneKisOrderAndNoIntentLeft(kis, session);
                assertThat(ordersWithClientId(db, client)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
                a.destroyForcibly();
                b.destroyForcibly();
                a.waitFor(20, TimeUnit.SECONDS);
                b.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** The queue drained (every copy of the intent handled) and KIS with one order in the symbol, and staying so. */
    private static void awaitOneKisOrderAndNoIntentLeft(KisSimulator kis, Session session) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (QueueBrowser browser = session.createBrowser(session.createQueue("kis.order.intents"))) {
                return !browser.getEnumeration().hasMoreElements();
            }
        });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                assertThat(kis.truth().account(CANO).orders().stream().filter(o -> o.symbol().equals(SYMBOL)))
                        .as("orders at KIS").hasSize(1));
    }

    private static long ordersWithClientId(EmbeddedDatabase db, String client) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement("select count(*) from orders where client_order_id = ?")) {
            ps.setString(1, client);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private JsonNode post(int port, String intent) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .header("X-Api-Key", "sim-demo-key").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(intent)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
