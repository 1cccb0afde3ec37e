package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kisgateway.app.broker.EmbeddedBroker;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimulatorSettings;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.trading.Fill;
import kisgateway.sim.trading.OrderKind;
import kisgateway.sim.trading.Side;
import kisgateway.testing.FillLedger;
import kisgateway.testing.GatewayProcess;
import kisgateway.testing.TestConfig;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who a fill belongs to, on kis.fills, after a gateway process is killed (SIGKILL) and started again: an order
 * KIS booked while its answer never came (the simulator's ambiguous-orders fault in drop mode) and the process
 * died, settled by the reconciliation after the restart, gets its fill as the strategy's own; orders placed
 * outside the gateway (HTS) are external whichever path saw their fills first, across a reconnect and a restart.
 * Each order's messages are compared with the simulator's truth, attribution included.
 */
class FillAttributionAfterCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANO = "50000001";
    private final HttpClient http = HttpClient.newHttpClient();
    private final FillLedger ledger = new FillLedger();

    @Test
    void aFillFindsItsOrderAndAnOutsideFillSaysSoAfterACrashAndAReconnect(@TempDir Path dir) throws Exception {
        int brokerPort = TestConfig.freePort();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(null, 0, false);
             EmbeddedBroker broker = EmbeddedBroker.start(TestConfig.projectDir().resolve("config/artemis/broker.xml"),
                     dir.resolve("artemis"), 79, "127.0.0.1", brokerPort);
             KisSimulator kis = KisSimulator.start(SimulatorSettings.builder().restPort(0).wsPort(0)
                     .pricePathFrozen(true).build());
             ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
             Connection jms = cf.createConnection()) {
            GatewayProcess.openRegularSession(kis);
            jms.start();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer fills = session.createConsumer(session.createQueue("kis.fills"));
            // a parked fill's grace far shorter than the reconciliation's in-flight grace: the window of the defect
            List<String> args = List.of("-Dfills.parked-grace-ms=1500", "-Dreconcile.in-flight-grace-ms=8000",
                    "-Dfills.cluster.root=" + Files.createDirectories(dir.resolve("cluster")));
            int port = TestConfig.freePort();
            Process gateway = GatewayProcess.launch(dir.resolve("a"), port, db, brokerPort, kis, args);
            try {
                GatewayProcess.awaitHealthy(port);
                awaitStreamLive(kis);

                // the gateway's send is booked at KIS, its answer never comes, and the process dies
                kis.faults().plan().ambiguousOrders(1, new FaultPlan.AmbiguousReply(FaultPlan.AmbiguousMode.DROP, 0));
                String client = "crash-" + UUID.randomUUID().toString().substring(0, 8);
                CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/orders"))
                        .header("X-Api-Key", "sim-demo-key").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"clientOrderId\":\"" + client + "\",\"account\":"
                                + "\"sim\",\"strategyId\":\"demo\",\"symbol\":\"068270\",\"side\":\"BUY\",\"quantity\":8,"
                                + "\"orderType\":\"01\"}")).build(), HttpResponse.BodyHandlers.ofString());
                await().atMost(Duration.ofSeconds(20)).until(() -> filledAtKis(kis, "068270") == 8);
                String ours = kisOrderNoOf(kis, "068270");
                // its notice came before the number it could join: the fill waits parked when the process dies
                await().atMost(Duration.ofSeconds(20)).until(() -> fillRows(db, ours) > 0);
                gateway.destroyForcibly();
                assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).isTrue();
                hanging.cancel(true);

                // while it is down, an outside order fills: its notice reaches no one
                String outsideWhileDown = outsideBuy(kis, "105560", 5);

                gateway = GatewayProcess.launch(dir.resolve("a"), port, db, brokerPort, kis, args);
                GatewayProcess.awaitHealthy(port);
                awaitStreamLive(kis);

                // an outside order filled while the stream is up, then the socket dropped: the reconnect's
                // reconciliation records the outside order, whose fill the stream may have delivered first
                String outsideBeforeDrop = outsideBuy(kis, "035720", 6);
                kis.faults().dropWebSockets();

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    ledger.drain(fills);
                    assertThat(ledger.attribution(ours)).as("the crashed send's fill, as the strategy's").isEqualTo(client);
                    assertThat(ledger.attribution(outsideBeforeDrop)).isEqualTo("external");
                    assertThat(ledger.attribution(outsideWhileDown)).isEqualTo("external");
                    for (String odno : List.of(ours, outsideBeforeDrop, outsideWhileDown)) {
                        assertThat(ledger.quantity(odno)).as(odno).isEqualTo(truthQuantity(kis, odno));
                    }
                });
                assertThat(orderState(db, client)).isEqualTo("FILLED");
                // and no message of these orders ever said otherwise, unless a restatement followed it
                assertThat(ledger.messages()).filteredOn(f -> f.at("/report/order_ref/order_id").asText().equals(outsideBeforeDrop)
                        || f.at("/report/order_ref/order_id").asText().equals(outsideWhileDown))
                        .allSatisfy(f -> assertThat(f.path("external").asBoolean()).as(f.toString()).isTrue());
            } finally {
                gateway.destroyForcibly();
                gateway.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** One session open and subscribed to the notices: KIS keeps nothing for a client that is not. */
    private void awaitStreamLive(KisSimulator kis) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            JsonNode stats = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(kis.restBaseUrl()
                    + "/sim/admin/stats")).build(), HttpResponse.BodyHandlers.ofString()).body());
            return stats.findPath("openSessions").asInt() == 1 && stats.findPath("subscriptions").asInt() > 0;
        });
    }

    private static String outsideBuy(KisSimulator kis, String symbol, long qty) {
        return kis.outside().placeOrder(CANO, symbol, Side.BUY, OrderKind.MARKET, qty, 0).odno();
    }

    private static long filledAtKis(KisSimulator kis, String symbol) {
        return kis.truth().account(CANO).fills().stream().filter(f -> f.symbol().equals(symbol)).mapToLong(Fill::qty).sum();
    }

    private static String kisOrderNoOf(KisSimulator kis, String symbol) {
        return kis.truth().account(CANO).fills().stream().filter(f -> f.symbol().equals(symbol)).map(Fill::odno)
                .findFirst().orElseThrow();
    }

    private static long truthQuantity(KisSimulator kis, String odno) {
        return kis.truth().account(CANO).fills().stream().filter(f -> f.odno().equals(odno)).mapToLong(Fill::qty).sum();
    }

    private static long fillRows(EmbeddedDatabase db, String kisOrderNo) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("select count(*) from fills where kis_order_no = ?")) {
            ps.setString(1, kisOrderNo);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String orderState(EmbeddedDatabase db, String client) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("select state from orders where client_order_id = ?")) {
            ps.setString(1, client);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
