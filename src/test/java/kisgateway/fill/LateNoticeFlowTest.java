package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.sim.trading.Fill;
import kisgateway.testing.FillLedger;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notices that reach the gateway after their shares were inferred (the simulator holds them back with
 * {@code ws/silence} in {@code hold} mode; a backfill or a reconciliation run infers them meanwhile): on kis.fills
 * each order's quantity and notional come out as the simulator's truth, the inferred fill and the late notices
 * counted once. A back office reads kis.fills as the fill schema says: every execution stands for its quantity
 * until a later message's {@code corrects} says what it stands for now.
 */
class LateNoticeFlowTest {

    private static final String CANO = "50000001";
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));
    /** Long enough for a reconciliation run to come first when a test asks for one. */
    private static final int STALE_SECONDS = 6;

    private static GatewayUnderTest gateway;
    private static Connection connection;
    private static Session session;
    private static MessageConsumer fillQueue;
    private static final FillLedger ledger = new FillLedger();

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.of(
                "sim.fill-lot", "1000",
                "fills.backfill.delay-ms", "500",
                "fills.silence-backfill-seconds", Integer.toString(STALE_SECONDS),
                // each test's stale check comes within seconds of the last one's (shipped: one a minute)
                "fills.silence-backfill-min-interval-seconds", "2",
                "fills.parked-grace-ms", "3000",
                "risk.compliance.order-rate.max-orders", "1000",
                "risk.limits.max-order-quantity", "100000"));
        gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
        connection = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        fillQueue = session.createConsumer(session.createQueue("kis.fills"));
        awaitStreamLive();
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        gateway.close();
    }

    @BeforeEach
    void clearFaults() throws Exception {
        gateway.simAdmin("POST", "/faults/reset", null);
        awaitStreamLive();
    }

    private static void awaitStreamLive() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var sessions = gateway.app().services().realtimeSessions().live();
            return !sessions.isEmpty() && sessions.values().stream().allMatch(s -> s.isLive());
        });
    }

    @Test
    void noticesHeldPastTheStaleThresholdCorrectTheBackfillOfAPartlyFilledOrder() throws Exception {
        OrderRecord order = restingBuy("015760", 30);
        print(order, 5);
        awaitOnQueue(order, 5);

        gateway.simAdmin("POST", "/faults/ws/silence", "{\"seconds\":" + (STALE_SECONDS + 8) + ",\"mode\":\"hold\"}");
        print(order, 7);
        print(order, 8);
        awaitInferred(order, "BACKFILL", 20);

        awaitCorrected(order, 20);
        assertThat(gateway.order(order.clientOrderId()).state()).isEqualTo(OrderState.PARTIAL_FILLED);
    }

    @Test
    void noticesHeldAcrossADroppedSocketCorrectWhatTheReconnectInferred() throws Exception {
        OrderRecord order = restingBuy("105560", 30);
        print(order, 5);
        awaitOnQueue(order, 5);

        gateway.simAdmin("POST", "/faults/ws/silence", "{\"seconds\":" + (STALE_SECONDS + 8) + ",\"mode\":\"hold\"}");
        print(order, 7);
        print(order, 8);
        gateway.simAdmin("POST", "/faults/ws/drop", null);
        // the reconnect's reconciliation or a backfill, whichever reads KIS first
        awaitInferred(order, "RECONCILE|BACKFILL", 20);

        awaitCorrected(order, 20);
    }

    @Test
    void noticesHeldPastAReconciliationRunCorrectTheFillItInferred() throws Exception {
        OrderRecord order = restingBuy("010140", 30);
        print(order, 5);
        awaitOnQueue(order, 5);

        gateway.simAdmin("POST", "/faults/ws/silence", "{\"seconds\":" + (STALE_SECONDS + 8) + ",\"mode\":\"hold\"}");
        print(order, 7);
        print(order, 8);
        reconcile();
        awaitInferred(order, "RECONCILE", 20);

        awaitCorrected(order, 20);
    }

    @Test
    void noticesHeldPastTheBackfillOfAFullyFilledOrderAreCorrectionsNotOverfills() throws Exception {
        OrderRecord order = restingBuy("035720", 20);
        print(order, 5);
        awaitOnQueue(order, 5);

        gateway.simAdmin("POST", "/faults/ws/silence", "{\"seconds\":" + (STALE_SECONDS + 8) + ",\"mode\":\"hold\"}");
        print(order, 15);
        awaitInferred(order, "BACKFILL", 20);
        assertThat(gateway.order(order.clientOrderId()).state()).isEqualTo(OrderState.FILLED);

        awaitCorrected(order, 20);
    }

    // ------------------------------------------------------------------ the order and the market

    /** Each test trades its own symbol: a print reaches the oldest resting order of the symbol first. */
    private static OrderRecord restingBuy(String symbol, long quantity) throws Exception {
        String client = "late-" + UUID.randomUUID().toString().substring(0, 8);
        long limit = gateway.priceAway(symbol, -3);
        gateway.postAccepted("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"" + symbol + "\",\"side\":\"BUY\",\"quantity\":" + quantity + ",\"orderType\":\"00\","
                + "\"price\":\"" + limit + "\"}");
        return gateway.awaitState(client, OrderState.ACKED);
    }

    /**
     * A trade at the order's limit: it fills that many shares of the resting order in one execution (notices with
     * the same order, second, price and quantity could not be told apart, by KIS's clients or by the gateway).
     */
    private static void print(OrderRecord order, long quantity) throws Exception {
        gateway.simAdmin("POST", "/market/print", "{\"symbol\":\"" + order.symbol() + "\",\"price\":"
                + order.price().longValueExact() + ",\"qty\":" + quantity + "}");
    }

    private static void reconcile() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + gateway.app().config().require("gateway.http.port") + "/api/admin/reconciliations"))
                .header("Authorization", OPERATOR).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ kis.fills as a back office reads it

    private static String kisOrderNo(OrderRecord order) {
        String odno = gateway.order(order.clientOrderId()).kisOrderNo();
        assertThat(odno).isNotNull();
        return odno;
    }

    private static List<Fill> truth(String odno) {
        return gateway.simulator().truth().account(CANO).fills().stream().filter(f -> f.odno().equals(odno)).toList();
    }

    private static void awaitOnQueue(OrderRecord order, long quantity) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ledger.drain(fillQueue);
            assertThat(ledger.quantity(kisOrderNo(order))).isEqualTo(quantity);
        });
    }

    /** The held shares reach the order, and kis.fills, through an inferred fill of {@code source} (a regex). */
    private static void awaitInferred(OrderRecord order, String source, long filled) {
        await().atMost(Duration.ofSeconds(STALE_SECONDS + 6)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ledger.drain(fillQueue);
            assertThat(gateway.order(order.clientOrderId()).filledQuantity()).isEqualTo(filled);
            assertThat(ledger.executions(kisOrderNo(order))).anyMatch(e -> e.source().matches(source));
            assertThat(ledger.quantity(kisOrderNo(order))).isEqualTo(filled);
        });
    }

    /**
     * The held notices arrive and correct the inferred fill: kis.fills carries the truth's quantity and notional,
     * the order and the gateway's fill book count each share once, and so it stays.
     */
    private static void awaitCorrected(OrderRecord order, long filled) {
        String odno = kisOrderNo(order);
        await().atMost(Duration.ofSeconds(STALE_SECONDS + 20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ledger.drain(fillQueue);
            assertThat(ledger.corrected(odno)).as("the late notices, as corrections").isTrue();
            assertThat(ledger.executions(odno)).as("every inferred share replaced by a real execution")
                    .allMatch(e -> e.source().equals("STREAM") || e.standing() == 0);
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    ledger.drain(fillQueue);
                    List<Fill> truth = truth(odno);
                    assertThat(ledger.quantity(odno)).isEqualTo(filled).isEqualTo(truth.stream().mapToLong(Fill::qty).sum());
                    assertThat(ledger.notional(odno)).isEqualByComparingTo(truth.stream()
                            .map(f -> BigDecimal.valueOf(f.price()).multiply(BigDecimal.valueOf(f.qty())))
                            .reduce(BigDecimal.ZERO, BigDecimal::add));
                    assertThat(gateway.order(order.clientOrderId()).filledQuantity()).isEqualTo(filled);
                    FillBook.Filled book = gateway.app().services().<FillBook>bean("fillBook").filled("sim", odno);
                    assertThat(book.quantity()).isEqualTo(filled);
                });
    }
}
