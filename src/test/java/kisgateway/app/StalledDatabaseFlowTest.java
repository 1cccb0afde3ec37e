package kisgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.sim.trading.Fill;
import kisgateway.testing.FillLedger;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.RunsAlone;
import kisgateway.testing.StalledDatabase;
import org.apache.activemq.artemis.core.server.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21.12: the gateway's PostgreSQL stops answering (SIGSTOP of the whole server: nothing closes, nothing
 * answers). A REST intent is answered 503 within the database bounds, saying nothing went to KIS, and nothing
 * did; a JMS intent rolls back and is processed once the database answers again; the execution notices that
 * arrive meanwhile hold bounded memory, and those dropped are recovered by the backfill, each fill counted once.
 */
@RunsAlone
class StalledDatabaseFlowTest {

    private static final String CANO = "50000001";
    private static final String SYMBOL = "005930";
    private static final int INBOX_CAPACITY = 2;

    private static GatewayUnderTest gateway;
    private static Connection connection;
    private static MessageConsumer fillQueue;
    private static final FillLedger ledger = new FillLedger();

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.ofEntries(
                // the bounds short, so that the stall is seen in seconds
                Map.entry("db.socket-timeout-seconds", "1"),
                Map.entry("db.statement-timeout-ms", "800"),
                Map.entry("db.lock-timeout-ms", "500"),
                Map.entry("db.connect-timeout-seconds", "1"),
                Map.entry("db.pool.connection-timeout-ms", "1000"),
                Map.entry("db.pool.validation-timeout-ms", "250"),
                Map.entry("fills.notice-inbox.capacity", String.valueOf(INBOX_CAPACITY)),
                Map.entry("fills.backfill.delay-ms", "300"),
                Map.entry("fills.backfill.poll-ms", "300"),
                // one execution a notice: the prints below make one notice each
                Map.entry("sim.fill-lot", "1000"),
                // the kill switches' listener keeps listening through the short stall (it is not what is tested)
                Map.entry("risk-gate.kill-switch-listen-timeout-ms", "60000")));
        gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
        connection = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection();
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        fillQueue = session.createConsumer(session.createQueue("kis.fills"));
        gateway.awaitReady();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var sessions = gateway.app().services().realtimeSessions().live();
            return !sessions.isEmpty() && sessions.values().stream().allMatch(s -> s.isLive());
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aStalledDatabaseAnswersRestRollsBackJmsAndBoundsTheNotices() throws Exception {
        long limit = gateway.priceAway(SYMBOL, -3);
        // the intents below rest under the prints of (c): they are sent, never filled
        long below = gateway.priceAway(SYMBOL, -10);
        String resting = id("stall-rest");
        gateway.postAccepted(limitBuy(resting, 36, limit));
        String odno = gateway.awaitState(resting, OrderState.ACKED).kisOrderNo();
        String restClient = id("stall-api");
        String jmsClient = id("stall-jms");
        int kisOrdersBefore = kisOrders();
        Queue intents = gateway.app().infrastructure().embeddedBroker().server().locateQueue("kis.order.intents");
        Queue deadIntents = gateway.app().infrastructure().embeddedBroker().server().locateQueue("DLQ.kis.order.intents");
        AtomicInteger mostInInbox = new AtomicInteger();

        try (StalledDatabase stalled = StalledDatabase.stall(gateway.app().infrastructure().dataSource().dataSource())) {
            // (a) answered within the bounds (a connection 1 s, its check 0.25 s, an answer 1 s), with the reason
            long start = System.nanoTime();
            HttpResponse<String> answer = gateway.postIntent(limitBuy(restClient, 1, below));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(took).isLessThan(Duration.ofSeconds(4));
            assertThat(GatewayUnderTest.json(answer.body()).path("error").asText())
                    .startsWith("the gateway's database ").contains("; nothing was sent to KIS");

            // (b) rolled back to the broker, which holds it for its redelivery delay
            gateway.sendJms("kis.order.intents", limitBuy(jmsClient, 1, below), Map.of());
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> intents.getScheduledCount() == 1);

            // (c) fills at KIS while the books cannot take them: eight executions, eight notices
            for (int qty = 1; qty <= 8; qty++) {
                gateway.simulator().market().print(SYMBOL, limit, qty);
            }
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
                mostInInbox.accumulateAndGet((int) gauge("kis.fills.inbox.notices"), Math::max);
                return counted("kis.fills.inbox.dropped") >= 1;
            });
            assertThat(kisOrders()).as("nothing reached KIS while the database was stalled").isEqualTo(kisOrdersBefore);
            assertThat(deadIntents.getMessageCount()).isZero();
        }

        // (b) the intent is processed once the database answers: one order at KIS, nothing dead-lettered
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> gateway.order(jmsClient).state() == OrderState.ACKED);
        assertThat(kisOrders()).isEqualTo(kisOrdersBefore + 1);
        assertThat(deadIntents.getMessageCount()).isZero();

        // (c) bounded while stalled, and what was dropped is recovered by the backfill, each fill once
        assertThat(mostInInbox.get()).isLessThanOrEqualTo(INBOX_CAPACITY);
        assertThat(gauge("kis.ws.delivery.pending")).isLessThanOrEqualTo(10_000);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ledger.drain(fillQueue);
            assertThat(ledger.quantity(odno)).isEqualTo(36).isEqualTo(truthQuantity(odno));
            assertThat(gateway.order(resting).filledQuantity()).isEqualTo(36);
        });
        assertThat(ledger.executions(odno)).as("the dropped notices came back as backfilled fills")
                .anyMatch(e -> e.source().equals("BACKFILL"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    ledger.drain(fillQueue);
                    assertThat(ledger.quantity(odno)).isEqualTo(36);
                });

        // (a) the refused intent, sent again under its clientOrderId, goes through once
        assertThat(gateway.postAccepted(limitBuy(restClient, 1, below)).path("state").asText()).isEqualTo("ACKED");
        assertThat(kisOrders()).isEqualTo(kisOrdersBefore + 2);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String limitBuy(String client, long quantity, long limit) {
        return "{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\",\"symbol\":\""
                + SYMBOL + "\",\"side\":\"BUY\",\"quantity\":" + quantity + ",\"orderType\":\"00\",\"price\":\""
                + limit + "\"}";
    }

    private static int kisOrders() {
        return gateway.simulator().truth().account(CANO).orders().size();
    }

    private static long truthQuantity(String odno) {
        return gateway.simulator().truth().account(CANO).fills().stream().filter(f -> f.odno().equals(odno))
                .mapToLong(Fill::qty).sum();
    }

    private static double gauge(String name) {
        return gateway.app().services().meters().find(name).gauges().stream().mapToDouble(g -> g.value()).max()
                .orElseThrow(() -> new AssertionError("no gauge " + name));
    }

    private static double counted(String name) {
        return gateway.app().services().meters().find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
