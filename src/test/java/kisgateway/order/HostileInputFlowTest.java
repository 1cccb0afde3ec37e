package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.HostileIntents;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, items 7-10, against a real gateway: kill switches only for keys that exist, refusals that give their
 * reason (and never a database's or Java's text), no JMSReplyTo honoured on the intake, and hostile intents over
 * REST and JMS that never reach KIS (the in-process share of the fuzzing is IntentFuzzTest).
 */
class HostileInputFlowTest {

    /** Hostile intents sent to the gateway, per intake. */
    static final int PER_INTAKE = 1_000;

    private static GatewayUnderTest gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.of("risk.compliance.order-rate.max-orders", "100000")).awaitReady();
        gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + gateway.app().config().require("gateway.http.port");
    }

    private static HttpResponse<String> moveKillSwitch(String scope, String key, String state) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/admin/trading-states/" + scope + "/" + key))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"" + state + "\",\"reason\":\"test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKillSwitchForAKeyThatIsNeitherAnAccountNorAStrategyIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> sim = moveKillSwitch("ACCOUNT", "SIM", "HALTED");
        assertThat(sim.statusCode()).as(sim.body()).isEqualTo(400);
        assertThat(GatewayUnderTest.json(sim.body()).path("error").asText()).contains("'SIM'", "sim");
        HttpResponse<String> nobody = moveKillSwitch("STRATEGY", "nobody", "HALTED");
        assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(400);
        assertThat(GatewayUnderTest.json(nobody.body()).path("error").asText()).contains("'nobody'", "demo");
        HttpResponse<String> kind = moveKillSwitch("DESK", "x", "HALTED");
        assertThat(kind.statusCode()).as(kind.body()).isEqualTo(400);
        assertThat(kind.body()).contains("GLOBAL, ACCOUNT or STRATEGY").doesNotContain("No enum constant", "kisgateway.");

        assertThat(moveKillSwitch("ACCOUNT", "sim", "ACTIVE").statusCode()).isEqualTo(200);
        assertThat(moveKillSwitch("STRATEGY", "demo", "ACTIVE").statusCode()).isEqualTo(200);
        HttpResponse<String> states = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/admin/trading-states"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "operator:sim-operator-password".getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(states.body()).doesNotContain("\"SIM\"", "nobody");
    }

    @Test
    void aBodyOfAnotherContentTypeIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/orders"))
                .header("X-Api-Key", GatewayUnderTest.DEMO_KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("BUY 1 005930")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(GatewayUnderTest.json(r.body()).path("error").asText()).contains("application/json", "text/plain");
    }

    @Test
    void aPriceOfTwentyToTwoHundredDigitsIsRefusedWithoutTheDatabasesText() throws Exception {
        for (int digits : new int[] {15, 20, 200}) {
            HttpResponse<String> r = gateway.postIntent(OrderFlowTest.intent("big-" + digits, "BUY", 1, "00", null)
                    .replace("}", ",\"price\":\"" + "9".repeat(digits) + "\"}"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).doesNotContainIgnoringCase("numeric").doesNotContain("Exception", "ERROR:", "org.");
        }
    }

    @Test
    void anIntentsJmsReplyToIsNotAnswered() throws Exception {
        Queue intake = gateway.app().infrastructure().embeddedBroker().server().locateQueue(SimpleString.of("kis.order.intents"));
        long acknowledged = intake.getMessagesAcknowledged();
        String client = "replyto-" + System.nanoTime();
        try (Connection c = gateway.brokerConnectionAs("strategy")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("kis.order.intents"));
            Message m = s.createTextMessage(OrderFlowTest.intent(client, "BUY", 1, "00", gateway.priceAway("005930", -30)));
            m.setJMSReplyTo(s.createQueue("chosen.by.the.sender"));
            p.send(m);
        }
        gateway.awaitState(client, OrderState.ACKED);
        // the intake commits its reply (if any) with the acknowledgement of the intent: once acknowledged, no reply
        // can come any more
        await().atMost(Duration.ofSeconds(15)).until(() -> intake.getMessagesAcknowledged() > acknowledged);
        Queue chosen = gateway.app().infrastructure().embeddedBroker().server()
                .locateQueue(SimpleString.of("chosen.by.the.sender"));
        assertThat(chosen == null ? 0 : chosen.getMessagesAdded()).as("messages posted to the sender's address").isZero();
    }

    @Test
    void hostileIntentsOverRestAndJmsNeverReachKis() throws Exception {
        long started = System.nanoTime();
        // an order resting at KIS, so that a hostile cancel or replace that got through would reach KIS too
        String resting = "resting-" + System.nanoTime();
        gateway.postAccepted(OrderFlowTest.intent(resting, "BUY", 1, "00", gateway.priceAway("005930", -20)));
        gateway.awaitState(resting, OrderState.ACKED);
        long orderCallsBefore = orderCalls();
        int kisOrdersBefore = kisOrders();

        List<HostileIntents.Hostile> overRest = new HostileIntents(2109L, "sim", "demo", resting).generate(PER_INTAKE, "rfz-");
        List<HostileIntents.Hostile> overJms = new HostileIntents(2110L, "sim", "demo", resting).generate(PER_INTAKE, "jfz-");

        List<String> wrongAnswers = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (HostileIntents.Hostile h : overRest) {
                posts.add(pool.submit(() -> {
                    HttpResponse<String> r = gateway.postIntent(h.json());
                    String error = r.statusCode() == 400 ? GatewayUnderTest.json(r.body()).path("error").asText() : "";
                    if (r.statusCode() != 400 || error.isBlank() || error.contains("Exception")) {
                        wrongAnswers.add(r.statusCode() + " " + r.body() + " <- " + h.mutation());
                    }
                    return null;
                }));
            }
            for (Future<?> f : posts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wrongAnswers).as("REST answers other than 400 with a reason").isEmpty();

        Set<String> deadLettered = new HashSet<>();
        List<String> withoutReason = new ArrayList<>();
        try (Connection sender = gateway.brokerConnectionAs("strategy");
             Connection c = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection()) {
            Session out = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = out.createProducer(out.createQueue("kis.order.intents"));
            for (int i = 0; i < overJms.size(); i++) {
                Message m = out.createTextMessage(overJms.get(i).json());
                m.setStringProperty("fuzzId", String.valueOf(i));
                p.send(m);
            }
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer dlq = s.createConsumer(s.createQueue("DLQ.kis.order.intents"), "fuzzId IS NOT NULL");
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (Message m = dlq.receive(500); m != null; m = dlq.receive(50)) {
                    deadLettered.add(m.getStringProperty("fuzzId"));
                    String reason = m.getStringProperty("x_error_reason");
                    if (reason == null || reason.isBlank()) {
                        withoutReason.add(overJms.get(Integer.parseInt(m.getStringProperty("fuzzId"))).mutation());
                    }
                }
                return deadLettered.size() == overJms.size();
            });
        }
        assertThat(withoutReason).as("dead letters without a reason").isEmpty();

        assertThat(orderCalls()).as("order and revise/cancel calls at KIS").isEqualTo(orderCallsBefore);
        assertThat(kisOrders()).as("orders and revisions at KIS").isEqualTo(kisOrdersBefore);
        // healthy, and still trading
        HttpResponse<String> health = gateway.get("/q/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(gateway.postAccepted(OrderFlowTest.intent("after-fuzz-" + System.nanoTime(), "BUY", 1, "01", null))
                .path("state").asText()).isIn("ACKED", "PARTIAL_FILLED", "FILLED");
        System.out.printf("hostile intents: %d over REST, %d over JMS, %d ms%n", overRest.size(), overJms.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static int kisOrders() {
        return gateway.simulator().truth().account("50000001").orders().size();
    }

    /** Order, revise and cancel calls KIS admitted, over every app key (their TR IDs end in U). */
    @SuppressWarnings("unchecked")
    private static long orderCalls() {
        long n = 0;
        for (Map<String, Object> key : gateway.simulator().stats().snapshot().values()) {
            Object byTr = key.get("admittedByTr");
            if (byTr instanceof Map<?, ?> m) {
                for (Map.Entry<String, Long> e : ((Map<String, Long>) m).entrySet()) {
                    n += e.getKey().endsWith("U") ? e.getValue() : 0;
                }
            }
        }
        return n;
    }
}
