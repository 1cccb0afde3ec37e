package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import kisgateway.app.adapter.api.OrderApiResponses.ApiResponse;
import kisgateway.app.adapter.api.JmsReplyDestinations;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.SharedInfrastructure;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/strategy-queries.camel.yaml over real HTTP and the shared broker: each REST query reaches its bean with
 * the caller and every filter as sent and answers its status; a JMS query is answered on the requester's temporary
 * queue under its correlation id with the status in queryStatus; one without a temporary JMSReplyTo is dead-lettered
 * with the reason, never answered elsewhere. The answers' JSON is the double's (StrategyQueryAnswersTest has the real).
 */
class StrategyQueriesRouteTest extends RouteFileTestSupport {

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void clear() {
        calls.clear();
    }

    @Override
    protected boolean servesHttp() {
        return true;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"strategy-queries.camel.yaml"};
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("orderReaders", new Readers());
        registry.bind("orderApiResponses", new ApiResponsesDouble());
        registry.bind("strategyQueryAnswers", new Answers());
        registry.bind("jmsReplyDestinations", new JmsReplyDestinations());
    }

    @Test
    void eachRestQueryReachesItsBeanWithTheCallerAndTheFiltersAsSent() throws Exception {
        HttpResponse<String> orders = get("/api/accounts/sim/orders?strategy=s1&symbol=005930&state=ACKED&limit=5&after=abc",
                "key-1");
        assertThat(orders.statusCode()).isEqualTo(200);
        assertThat(orders.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(orders.body()).isEqualTo("{\"q\":\"orders\"}");
        assertThat(get("/api/accounts/sim/positions", "key-1").statusCode()).isEqualTo(200);
        assertThat(get("/api/accounts/sim/cash", "key-1").statusCode()).isEqualTo(200);
        assertThat(calls).containsExactly("orders:reader:key-1|sim|s1|005930|ACKED|5|abc", "positions:reader:key-1|sim",
                "cash:reader:key-1|sim");
    }

    @Test
    void aRefusalIsAnsweredWithItsStatusAndNothingIsRead() throws Exception {
        assertThat(get("/api/accounts/sim/orders", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/accounts/other/positions", "key-1").statusCode()).isEqualTo(403);
        assertThat(calls).isEmpty();
    }

    @Test
    void aJmsQueryIsAnsweredOnTheRequestersTemporaryQueueUnderItsCorrelationId() throws Exception {
        try (Connection c = SharedInfrastructure.get().brokerConnection().connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = s.createTemporaryQueue();
            MessageConsumer consumer = s.createConsumer(replies);
            MessageProducer p = s.createProducer(s.createQueue("kis.strategy.queries"));
            Message m = s.createTextMessage("");
            m.setJMSReplyTo(replies);
            m.setJMSCorrelationID("corr-1");
            m.setStringProperty("queryType", "POSITIONS");
            m.setStringProperty("account", "sim");
            m.setStringProperty("run", run);
            p.send(m);
            Message answer = consumer.receive(10_000);
            assertThat(answer).as("an answer on the temporary queue").isNotNull();
            assertThat(answer.getJMSCorrelationID()).isEqualTo("corr-1");
            assertThat(answer.getStringProperty("queryStatus")).isEqualTo("200");
            assertThat(((TextMessage) answer).getText()).isEqualTo("{\"q\":\"jms\"}");
            assertThat(answer.propertyExists("account")).as("the request's properties are not echoed").isFalse();
        }
        assertThat(calls).singleElement().asString().startsWith("jms:").contains("|POSITIONS|sim|");
    }

    @Test
    void aJmsQueryWithoutATemporaryReplyToIsDeadLetteredWithTheReason() throws Exception {
        try (Connection c = SharedInfrastructure.get().brokerConnection().connectionFactory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("kis.strategy.queries"));
            Message none = s.createTextMessage("q1");
            none.setStringProperty("queryType", "CASH");
            none.setStringProperty("run", run);
            p.send(none);
            Message aimed = s.createTextMessage("q2");
            aimed.setJMSReplyTo(s.createQueue("kis.fills"));
            aimed.setStringProperty("queryType", "CASH");
            aimed.setStringProperty("run", run);
            p.send(aimed);
        }
        Message first = deadLetter("DLQ.kis.strategy.queries", 10_000);
        Message second = deadLetter("DLQ.kis.strategy.queries", 10_000);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(first.getStringProperty("x_error_reason")).contains("no JMSReplyTo");
        assertThat(second.getStringProperty("x_error_reason")).contains("kis.fills").contains("temporary queue");
        assertThat(calls).as("nothing was read for a query that cannot be answered").isEmpty();
    }

    private HttpResponse<String> get(String path, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET();
        if (apiKey != null) {
            b.header("X-Api-Key", apiKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static final class Readers {
        public String authenticate(String apiKey, String authorization) {
            if (apiKey == null) {
                throw new StrategyPermissions.NotAuthenticated("missing X-Api-Key header");
            }
            return "reader:" + apiKey;
        }
    }

    public final class Answers {
        public ApiResponse openOrders(String reader, String account, String strategy, String symbol, String state,
                                      String limit, String after) {
            admit(account);
            calls.add("orders:" + reader + "|" + account + "|" + strategy + "|" + symbol + "|" + state + "|" + limit
                    + "|" + after);
            return new ApiResponse(200, "{\"q\":\"orders\"}");
        }

        public ApiResponse positions(String reader, String account) {
            admit(account);
            calls.add("positions:" + reader + "|" + account);
            return new ApiResponse(200, "{\"q\":\"positions\"}");
        }

        public ApiResponse cash(String reader, String account) {
            admit(account);
            calls.add("cash:" + reader + "|" + account);
            return new ApiResponse(200, "{\"q\":\"cash\"}");
        }

        public ApiResponse overJms(String brokerUser, String claimedStrategy, String queryType, String account,
                                   String strategy, String symbol, String state, String limit, String after) {
            calls.add("jms:" + brokerUser + "|" + claimedStrategy + "|" + queryType + "|" + account + "|" + strategy);
            return new ApiResponse(200, "{\"q\":\"jms\"}");
        }

        private void admit(String account) {
            if (!account.equals("sim")) {
                throw new StrategyPermissions.NotPermitted("may not trade account '" + account + "'");
            }
        }
    }
}
