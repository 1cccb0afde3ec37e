package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fills end to end: the simulator's encrypted execution notices over a real WebSocket into the gateway, applied
 * to orders and positions, and out on the real kis.fills queue. In every case the fills on the queue add up to
 * the simulator's truth: none lost, none doubled.
 */
class FillFlowTest {

    private static final String CANO = "50000001";
    private static GatewayUnderTest gateway;
    private static Connection connection;
    private static Session session;
    private static MessageConsumer fillQueue;
    /** kis.fills as a back office keeps it: every message so far, an execution published twice fails at once. */
    private static final FillLedger ledger = new FillLedger();

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.of(
                "sim.fill-lot", "7",
                "fills.backfill.delay-ms", "500",
                "fills.silence-backfill-seconds", "2",
                // the stale checks of the app key at most one per 2 s, not one a minute: a fill lost in one test is
                // found within the test, whatever check an earlier one made
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
    }

    /** KIS keeps nothing for a client that is not subscribed yet: orders wait for the live session. */
    private static void awaitStreamLive() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var sessions = gateway.app().services().realtimeSessions().live();
            return !sessions.isEmpty() && sessions.values().stream().allMatch(s -> s.isLive());
        });
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static OrderRecord marketBuy(String symbol, long qty) throws Exception {
        String client = id("fill");
        var r = gateway.postIntent("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"" + symbol + "\",\"side\":\"BUY\",\"quantity\":" + qty + ",\"orderType\":\"01\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return gateway.order(client);
    }

    private static void drain() throws Exception {
        ledger.drain(fillQueue);
    }

    /** Quantity on kis.fills for a KIS order number, corrections of inferred fills applied. */
    private static long publishedQuantity(String kisOrderNo) {
        return ledger.quantity(kisOrderNo);
    }

    /** Quantity KIS (the simulator) filled for an order number. */
    private static long truthQuantity(String kisOrderNo) {
        return gateway.simulator().truth().account(CANO).fills().stream().filter(f -> f.odno().equals(kisOrderNo))
                .mapToLong(Fill::qty).sum();
    }

    private static void awaitAllPublished(List<OrderRecord> orders) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            drain();
            for (OrderRecord o : orders) {
                String odno = gateway.order(o.clientOrderId()).kisOrderNo();
                assertThat(odno).isNotNull();
                assertThat(publishedQuantity(odno)).as("published quantity of %s", odno).isEqualTo(truthQuantity(odno));
                assertThat(gateway.order(o.clientOrderId()).filledQuantity()).isEqualTo(truthQuantity(odno));
            }
        });
        // and so it stays: a late second copy of a fill (a replay, a backfill) would fail drain() here, or in a later
        // test's drain (the ids seen are kept for the whole class)
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    drain();
                    for (OrderRecord o : orders) {
                        String odno = gateway.order(o.clientOrderId()).kisOrderNo();
                        assertThat(publishedQuantity(odno)).isEqualTo(truthQuantity(odno));
                    }
                });
    }

    /** Marketable orders of each type the gateway trades in the regular session (limits at the last price). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"BUY, 00", "BUY, 01", "BUY, 02", "BUY, 03", "BUY, 11", "BUY, 12", "BUY, 13", "BUY, 14", "BUY, 15",
            "BUY, 16", "SELL, 00", "SELL, 01", "SELL, 03", "SELL, 13"})
    void aFillOfEachOrderTypeIsOnKisFillsOnce(String side, String type) throws Exception {
        String symbol = "035420";
        // 13 in lots of 7: two executions that differ (7 and 6), so neither is a repeat of the other's notice tuple
        // (identical tuples are held back and inferred: partialFillsArrive... covers that, and it costs a backfill)
        if (side.equals("SELL")) {
            awaitAllPublished(List.of(marketBuy(symbol, 13)));
        }
        String client = id("type" + type);
        boolean priced = List.of("00", "02", "11", "12").contains(type);
        long last = gateway.simulator().market().quote(symbol).orElseThrow().price();
        var r = gateway.postIntent("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"quantity\":13,\"orderType\":\"" + type + "\""
                + (priced ? ",\"price\":\"" + last + "\"" : "") + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        OrderRecord order = gateway.order(client);
        awaitAllPublished(List.of(order));
        assertThat(gateway.order(client).state()).isEqualTo(OrderState.FILLED);
        assertThat(ledger.executions(gateway.order(client).kisOrderNo())).filteredOn(e -> e.standing() > 0)
                .as("a lot of 7 and one of 6").hasSize(2)
                .allSatisfy(e -> assertThat(e.message().path("side").asText()).isEqualToIgnoringCase(side));
    }

    @Test
    void partialFillsArriveAsSeparateEventsWithTheCumulativeQuantity() throws Exception {
        OrderRecord order = marketBuy("005930", 20);
        awaitAllPublished(List.of(order));
        OrderRecord filled = gateway.order(order.clientOrderId());
        assertThat(filled.state()).isEqualTo(OrderState.FILLED);
        // the stream normally delivers them; a backfill racing it on a busy machine may infer one first, whose
        // notice then corrects it; and the two lots of 7 of one second are one tuple, so the second is held back
        // and its 7 inferred by the backfill that settles it: three executions stand, 20 shares
        List<FillLedger.Execution> executions = ledger.executions(filled.kisOrderNo());
        boolean inferred = executions.stream().anyMatch(e -> !e.source().equals("STREAM"));
        List<JsonNode> fills = executions.stream().filter(e -> e.standing() > 0).map(FillLedger.Execution::message)
                .sorted((a, b) -> Long.compare(Long.parseLong(a.path("cumulative_quantity").asText()),
                        Long.parseLong(b.path("cumulative_quantity").asText())))
                .toList();
        // lots of 7: three partial fills of 7, 7 and 6 (in whatever order the market gave them)
        assertThat(fills).extracting(f -> f.path("report").path("quantity").asText()).containsExactlyInAnyOrder("7", "7", "6");
        long running = 0;
        for (JsonNode f : fills) {
            running += Long.parseLong(f.path("report").path("quantity").asText());
            if (!inferred) {
                assertThat(f.path("cumulative_quantity").asText()).isEqualTo(Long.toString(running));
            }
        }
        assertThat(running).isEqualTo(20);
        JsonNode first = fills.get(0);
        assertThat(first.path("report").path("order_ref").path("provider").asText()).isEqualTo("KIS");
        assertThat(first.path("report").path("order_ref").path("account_id").asText()).isEqualTo("sim");
        assertThat(first.path("report").path("occurred_at").asText()).endsWith("+09:00");
        assertThat(first.path("instrument").path("symbol").asText()).isEqualTo("005930");
        assertThat(first.path("side").asText()).isEqualTo("BUY");
        assertThat(fills).extracting(f -> f.path("source").asText()).allMatch(s -> s.equals("STREAM") || s.equals("BACKFILL"));
    }

    @Test
    void duplicatedAndReorderedFramesNeitherLoseNorDoubleAFill() throws Exception {
        gateway.simAdmin("POST", "/faults/notices/duplicate", "{\"count\":6}");
        OrderRecord a = marketBuy("000660", 15);
        gateway.simAdmin("POST", "/faults/notices/reorder", "{\"count\":4}");
        OrderRecord b = marketBuy("035420", 15);
        awaitAllPublished(List.of(a, b));
    }

    @Test
    void theSocketDroppedEveryFewSecondsDuringABurstOfFillsLosesNothing() throws Exception {
        List<OrderRecord> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            orders.add(marketBuy(i % 2 == 0 ? "005380" : "068270", 9));
            if (i % 4 == 3) {
                gateway.simAdmin("POST", "/faults/ws/drop", null);
            }
        }
        awaitAllPublished(orders);
        assertThat(ledger.messages()).anyMatch(f -> f.path("source").asText().equals("STREAM"));
    }

    @Test
    void aFillTheStreamNeverDeliveredIsRecoveredByTheBackfillOfASilentStream() throws Exception {
        gateway.simAdmin("POST", "/faults/notices/suppress-fills", "{\"cano\":\"" + CANO + "\",\"count\":3}");
        OrderRecord order = marketBuy("051910", 21);
        awaitAllPublished(List.of(order));
        assertThat(ledger.messages()).anyMatch(f -> f.path("source").asText().equals("BACKFILL")
                && f.path("report").path("order_ref").path("order_id").asText().equals(gateway.order(order.clientOrderId()).kisOrderNo()));
    }

    @Test
    void noticesHeldDuringASilenceArriveAfterIt() throws Exception {
        gateway.simAdmin("POST", "/faults/ws/silence", "{\"seconds\":2,\"mode\":\"hold\"}");
        OrderRecord order = marketBuy("015760", 10);
        awaitAllPublished(List.of(order));
    }

    @Test
    void aGarbledFrameEndsOnTheDeadLetterQueueWithTheRawFrameAndTheFillIsStillRecovered() throws Exception {
        MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.kis.fills"));
        gateway.simAdmin("POST", "/faults/notices/garble", "{\"count\":1}");
        OrderRecord order = marketBuy("010140", 5);
        Message dead = dlq.receive(15_000);
        assertThat(dead).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) dead).getText()).startsWith("1|H0STCNI0|001|");
        assertThat(dead.getStringProperty("x_error_reason")).contains("malformed execution notice");
        assertThat(dead.getStringProperty("x_error_route")).isEqualTo("ingestExecutionNotices");
        dlq.close();
        // the garbled notice may have been a fill: the backfill asked for by the failure finds it at KIS
        awaitAllPublished(List.of(order));
    }

    @Test
    void aFillForAnOrderPlacedOutsideTheGatewayIsPublishedAsExternal() throws Exception {
        gateway.simAdmin("POST", "/accounts/" + CANO + "/orders",
                "{\"symbol\":\"001510\",\"side\":\"buy\",\"qty\":3,\"price\":0,\"ordDvsn\":\"01\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            drain();
            assertThat(ledger.messages()).anyMatch(f -> f.path("instrument").path("symbol").asText().equals("001510")
                    && f.path("external").asBoolean());
        });
    }
}
