package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimulatorSettings;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.trading.Fill;
import kisgateway.sim.trading.OrderKind;
import kisgateway.sim.trading.Side;
import kisgateway.testing.FillLedger;
import kisgateway.testing.ProcessBackends;
import kisgateway.testing.GatewayProcess;
import kisgateway.testing.TestConfig;
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
        try (ProcessBackends backends = ProcessBackends.start(dir, 82, SimulatorSettings.builder())) {
            KisSimulator kis = backends.kis();
            EmbeddedDatabase db = backends.db();
            MessageConsumer fills = backends.consumer("kis.fills");
            // a parked fill's grace far shorter than the reconciliation's in-flight grace: the window of the defect;
            // the timer's runs settle the send whichever run after the restart comes first
            List<String> args = backends.fileCluster("-Dfills.parked-grace-ms=1500", "-Dreconcile.in-flight-grace-ms=8000",
                    "-Dreconcile.interval-ms=4000");
            int port = TestConfig.freePort();
            Process gateway = backends.launch("a", port, args);
            GatewayProcess.awaitHealthy(port);
            backends.awaitStreamLive();

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

            backends.launch("a", port, args);
            GatewayProcess.awaitHealthy(port);
            backends.awaitStreamLive();

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
        }
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
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement("select count(*) from fills where kis_order_no = ?")) {
            ps.setString(1, kisOrderNo);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String orderState(EmbeddedDatabase db, String client) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement("select state from orders where client_order_id = ?")) {
            ps.setString(1, client);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
