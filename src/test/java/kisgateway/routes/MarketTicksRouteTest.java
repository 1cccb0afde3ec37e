package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import kisgateway.app.service.streams.StrategyTickSubscriptions.TickAnswer;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.RouteFileTestSupport;
import kisgateway.testing.SharedInfrastructure;
import org.apache.camel.spi.Registry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/market-ticks.camel.yaml on the real broker and HTTP: a REST request is authenticated here and answered by
 * the leader's route over the broker, status included; a JMS request is answered on its JMSReplyTo in its sender's
 * name, and a refusal with nowhere to answer is dead-lettered with the reason; ticks are published one message each,
 * non-persistent, with their selector properties; the leader's timer expires leases.
 */
class MarketTicksRouteTest extends RouteFileTestSupport {

    private static final String KEY = "route-test-key";
    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final AtomicReference<TickAnswer> next = new AtomicReference<>();
    private final AtomicReference<List<Tick>> ticks = new AtomicReference<>(List.of());
    private final AtomicInteger expiries = new AtomicInteger();

    @BeforeEach
    void grantByDefault() {
        calls.clear();
        next.set(new TickAnswer(200, "{\"action\":\"SUBSCRIBE\"}", null));
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"market-ticks.camel.yaml"};
    }

    @Override
    protected boolean servesHttp() {
        return true;
    }

    @Override
    protected void overrideProperties(Properties properties) {
        properties.setProperty("cluster.instance-id", "ticks-route-test");
        properties.setProperty("market.ticks.expiry-check-ms", "50");
        properties.setProperty("market.ticks.publish-interval-ms", "20");
        properties.setProperty("market.ticks.request-timeout-ms", "5000");
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("strategyPermissions", new Permissions());
        registry.bind("orderApiResponses", new ApiResponsesDouble());
        registry.bind("strategyTickSubscriptions", new Subscriptions());
        registry.bind("jmsReplyDestinations", new kisgateway.app.adapter.api.JmsReplyDestinations());
        registry.bind("tickOutbox", new Outbox());
    }

    @Test
    void aRestRequestIsAuthenticatedHereAndAnsweredByTheLeaderWithItsStatus() throws Exception {
        HttpResponse<String> granted = post("{\"action\":\"SUBSCRIBE\"}", KEY);
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.body()).isEqualTo("{\"action\":\"SUBSCRIBE\"}");
        assertThat(calls).containsExactly("answer:demo:{\"action\":\"SUBSCRIBE\"}");

        next.set(new TickAnswer(409, "{\"status\":409,\"error\":\"full\"}", "full"));
        HttpResponse<String> refused = post("{\"action\":\"SUBSCRIBE\"}", KEY);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).isEqualTo("{\"status\":409,\"error\":\"full\"}");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));

        calls.clear();
        assertThat(post("{\"action\":\"SUBSCRIBE\"}", "wrong").statusCode()).isEqualTo(401);
        assertThat(calls).isEmpty();
    }

    @Test
    void aJmsRequestIsAnsweredOnItsReplyQueueAndARefusalWithNowhereToGoIsDeadLettered() throws Exception {
        next.set(new TickAnswer(409, "{\"status\":409,\"error\":\"full\"}", "full"));
        try (Connection connection = SharedInfrastructure.get().brokerConnection().connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer answers = session.createConsumer(replies);
            connection.start();
            MessageProducer producer = session.createProducer(session.createQueue("kis.market.tick-subscriptions"));
            TextMessage request = session.createTextMessage("{\"action\":\"SUBSCRIBE\"}");
            request.setJMSReplyTo(replies);
            request.setStringProperty("run", run);
            producer.send(request);
            Message answer = answers.receive(10_000);
            assertThat(answer).isNotNull();
            assertThat(((TextMessage) answer).getText()).isEqualTo("{\"status\":409,\"error\":\"full\"}");
            assertThat(answer.getIntProperty("status")).isEqualTo(409);
            assertThat(answer.getStringProperty("x_error_reason")).isEqualTo("full");
            assertThat(answer.propertyExists("run")).isFalse();

            TextMessage noReplyTo = session.createTextMessage("{\"action\":\"SUBSCRIBE\",\"n\":2}");
            noReplyTo.setStringProperty("run", run);
            producer.send(noReplyTo);
        }
        Message dead = deadLetter("DLQ.kis.market.tick-subscriptions", 10_000);
        assertThat(dead).isNotNull();
        assertThat(((TextMessage) dead).getText()).isEqualTo("{\"action\":\"SUBSCRIBE\",\"n\":2}");
        assertThat(dead.getStringProperty("x_error_reason")).isEqualTo("full");
        assertThat(dead.getStringProperty("x_error_route")).isEqualTo("answerTickRequests");
        // the gateway's own user sends without a strategy: its answer is the double's, in that name
        assertThat(calls).allMatch(c -> c.startsWith("answerSender:"));
    }

    @Test
    void aRequestAimingTheAnswerAtAnotherQueueIsRefusedBeforeItIsActedOnAndNothingIsSentThere() throws Exception {
        next.set(new TickAnswer(200, "{\"status\":200}", null));
        // a queue the gateway may send to that no route of this file reads: another flow's dead letters
        String victim = "DLQ.kis.strategy.queries";
        try (Connection connection = SharedInfrastructure.get().brokerConnection().connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer onVictim = session.createConsumer(session.createQueue(victim));
            connection.start();
            while (onVictim.receive(100) != null) {
                // what an earlier test left there is not this test's
            }
            MessageProducer producer = session.createProducer(session.createQueue("kis.market.tick-subscriptions"));
            TextMessage forged = session.createTextMessage("{\"action\":\"SUBSCRIBE\",\"n\":3}");
            forged.setJMSReplyTo(session.createQueue(victim));
            forged.setStringProperty("run", run);
            producer.send(forged);

            Message dead = deadLetter("DLQ.kis.market.tick-subscriptions", 10_000);
            assertThat(dead).isNotNull();
            assertThat(dead.getStringProperty("x_error_reason")).contains("the queue " + victim)
                    .contains("only to a temporary queue");
            assertThat(onVictim.receive(500)).as("nothing sent where the request pointed").isNull();
        }
        assertThat(calls).as("refused before it was acted on").noneMatch(c -> c.startsWith("answerSender:"));
    }

    @Test
    void ticksArePublishedOneEachNonPersistentWithTheirSelectorProperties() throws Exception {
        try (Connection connection = SharedInfrastructure.get().brokerConnection().connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer samsung = session.createConsumer(session.createTopic("kis.market.ticks"),
                    "symbol = '005930' AND price > 70000");
            connection.start();
            ticks.set(List.of(new Tick("000660", 120500, 3), new Tick("005930", 71900, 7)));
            Message tick = samsung.receive(10_000);
            assertThat(tick).isNotNull();
            assertThat(((TextMessage) tick).getText()).isEqualTo("{\"symbol\":\"005930\"}");
            assertThat(tick.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
            assertThat(tick.getJMSExpiration()).isPositive();
            assertThat(tick.getLongProperty("quantity")).isEqualTo(7);
            assertThat(tick.getStringProperty("exchange")).isEqualTo("KRX");
            assertThat(tick.getStringProperty("time")).isEqualTo("2026-12-07T09:00:00+09:00");
            assertThat(samsung.receive(300)).isNull();
        }
    }

    @Test
    void theLeaderExpiresLeasesOnItsTimer() {
        int before = expiries.get();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> expiries.get() >= before + 2);
    }

    private HttpResponse<String> post(String body, String apiKey) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/market/tick-subscriptions")).header("X-Api-Key", apiKey)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public final class Permissions {
        public String authenticate(String apiKey) {
            if (!KEY.equals(apiKey)) {
                throw new StrategyPermissions.NotAuthenticated("missing or unknown X-Api-Key");
            }
            return "demo";
        }
    }

    /** Answers what the test set, records who asked. */
    public final class Subscriptions {
        public TickAnswer answer(String strategy, String json) {
            calls.add("answer:" + strategy + ":" + json);
            return next.get();
        }

        public TickAnswer answerSender(String brokerUser, String json) {
            calls.add("answerSender:" + brokerUser + ":" + json);
            return next.get();
        }

        public TickAnswer leaderUnanswered() {
            return new TickAnswer(504, "{\"status\":504}", "unanswered");
        }

        public List<String> expire() {
            expiries.incrementAndGet();
            return List.of();
        }
    }

    /** Hands the ticks the test set, once. */
    public final class Outbox {
        public List<Tick> drain(int max) {
            return ticks.getAndSet(List.of());
        }
    }

    /** What the publisher reads of a tick. */
    public static final class Tick {
        private final String symbol;
        private final long price;
        private final long quantity;

        Tick(String symbol, long price, long quantity) {
            this.symbol = symbol;
            this.price = price;
            this.quantity = quantity;
        }

        public String getSymbol() {
            return symbol;
        }

        public long getPrice() {
            return price;
        }

        public long getQuantity() {
            return quantity;
        }

        public String getTime() {
            return "2026-12-07T09:00:00+09:00";
        }

        public String getExchange() {
            return "KRX";
        }

        public String getJson() {
            return "{\"symbol\":\"" + symbol + "\"}";
        }
    }
}
