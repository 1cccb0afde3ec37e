package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import kisgateway.app.broker.EmbeddedBroker;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, items 1 and 4: a strategy acts only as itself. The gateway runs against the shipped broker.xml with
 * security on (one broker user per strategy, as docker-compose runs it), so a JMS intent is bound to the user the
 * broker authenticated, not to the strategy its body names; over REST a strategy reads, cancels and revises only
 * its own orders, and its client order ids are its own.
 */
class StrategyIsolationFlowTest {

    private static final int BROKER_VM_ID = 97;
    private static final String GATEWAY_USER = "gateway";
    private static final String DEMO_SENDER = "demo-sender";
    private static final String SECOND_SENDER = "second-sender";
    private static final String SECOND_KEY = "second-strategy-key";
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));
    private static final String CANO = "50000001";
    private static final String SYMBOL = "005930";

    private static Path brokerDir;
    private static EmbeddedActiveMQ broker;
    private static GatewayUnderTest gateway;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        brokerDir = Files.createTempDirectory("kis-gateway-secured-artemis");
        FileConfiguration config = EmbeddedBroker.load(TestConfig.projectDir().resolve("config/artemis/broker.xml"));
        config.setJournalDirectory(brokerDir.resolve("journal").toString());
        config.setBindingsDirectory(brokerDir.resolve("bindings").toString());
        config.setPagingDirectory(brokerDir.resolve("paging").toString());
        config.setLargeMessagesDirectory(brokerDir.resolve("large").toString());
        config.setNodeManagerLockDirectory(brokerDir.toString());
        config.getAcceptorConfigurations().clear();
        config.addAcceptorConfiguration("in-vm", "vm://" + BROKER_VM_ID);
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(GATEWAY_USER, "pw-" + GATEWAY_USER);
        users.addRole(GATEWAY_USER, "kis-gateway");
        for (String sender : new String[] {DEMO_SENDER, SECOND_SENDER}) {
            users.addUser(sender, "pw-" + sender);
            users.addRole(sender, "strategy");
        }
        broker = new EmbeddedActiveMQ().setConfiguration(config)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        broker.start();

        Map<String, String> overrides = new HashMap<>();
        overrides.put("broker.embedded", "false");
        overrides.put("broker.url", "vm://" + BROKER_VM_ID);
        overrides.put("broker.user", GATEWAY_USER);
        overrides.put("broker.password", "pw-" + GATEWAY_USER);
        overrides.put("gateway.strategies", "demo,second");
        overrides.put("gateway.strategy.demo.broker-user", DEMO_SENDER);
        overrides.put("gateway.strategy.second.accounts", "*");
        overrides.put("gateway.strategy.second.api-key-sha256",
                java.util.HexFormat.of().formatHex(StrategyPermissions.sha256(SECOND_KEY)));
        overrides.put("gateway.strategy.second.broker-user", SECOND_SENDER);
        // as in paper and live: an intent the broker did not stamp with its sender is refused
        overrides.put("orders.intake.trust-unbound-intents", "false");
        gateway = GatewayUnderTest.start(overrides).awaitReady();
        // a still market: the resting orders stay resting
        gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.stop();
        }
        if (brokerDir != null) {
            try (var paths = Files.walk(brokerDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- item 1: JMS intents are bound to the broker user that sent them ----

    @Test
    void anIntentFromOneStrategysBrokerUserNamingAnotherStrategyIsDeadLetteredAndNeverBecomesAnOrder() throws Exception {
        String client = id("jms-other");
        int kisRecords = kisRecords();
        send(SECOND_SENDER, newOrder(client, "demo", 1), Map.of());

        Message dead = deadLetter(client);
        assertThat(dead.getStringProperty("x_error_route")).isEqualTo("consumeOrderIntents");
        assertThat(dead.getStringProperty("x_error_reason")).contains("'" + SECOND_SENDER + "'", "'second'", "'demo'");
        assertThat(((TextMessage) dead).getText()).contains(client);
        assertThat(storedQuantities("demo", client)).isEmpty();
        assertThat(storedQuantities("second", client)).isEmpty();
        assertThat(kisRecords()).as("nothing reached KIS").isEqualTo(kisRecords);
    }

    @Test
    void aSenderCannotClaimAnotherBrokerUserByForgingTheHeader() throws Exception {
        String client = id("jms-forged");
        int kisRecords = kisRecords();
        // a CORE client may set the validated-user property itself: the broker overwrites it with the real sender
        send(SECOND_SENDER, newOrder(client, "demo", 1), Map.of("JMSXUserID", DEMO_SENDER, "_AMQ_VALIDATED_USER", DEMO_SENDER));

        Message dead = deadLetter(client);
        assertThat(dead.getStringProperty("x_error_reason")).contains("'" + SECOND_SENDER + "'", "'demo'");
        assertThat(storedQuantities("demo", client)).isEmpty();
        assertThat(kisRecords()).as("nothing reached KIS").isEqualTo(kisRecords);
    }

    @Test
    void anIntentNamingItsSendersOwnStrategyIsAccepted() throws Exception {
        String client = id("jms-own");
        send(DEMO_SENDER, newOrder(client, "demo", 1), Map.of());
        OrderRecord order = gateway.awaitState(client, OrderState.ACKED);
        assertThat(order.strategyId()).isEqualTo("demo");
        assertThat(kisOrder(order.kisOrderNo()).remainingQty()).isEqualTo(1);
        cancel("demo", GatewayUnderTest.DEMO_KEY, client);
    }

    // ---- item 4: over REST a strategy reads and amends only its own orders ----

    @Test
    void aStrategyCannotReadAnotherStrategysOrderButItsOwnerAndTheOperatorCan() throws Exception {
        String client = id("read");
        JsonNode own = accepted(post(newOrder(client, "demo", 1), GatewayUnderTest.DEMO_KEY));
        String orderId = own.path("orderId").asText();

        for (String id : new String[] {client, orderId}) {
            HttpResponse<String> foreign = get("/api/orders/" + id, "X-Api-Key", SECOND_KEY);
            assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
            assertThat(foreign.body()).doesNotContain("demo", orderId.equals(id) ? client : orderId);
            HttpResponse<String> owner = get("/api/orders/" + id, "X-Api-Key", GatewayUnderTest.DEMO_KEY);
            assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
            HttpResponse<String> operator = get("/api/orders/" + id, "Authorization", OPERATOR);
            assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
            assertThat(GatewayUnderTest.json(operator.body()).path("orderId").asText()).isEqualTo(orderId);
        }
        HttpResponse<String> wrongOperator = get("/api/orders/" + orderId, "Authorization", "Basic "
                + Base64.getEncoder().encodeToString("operator:guess".getBytes(StandardCharsets.UTF_8)));
        assertThat(wrongOperator.statusCode()).isEqualTo(401);
        // both identities at once is no identity: which one decides what is visible is not guessed
        HttpResponse<String> both = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/orders/" + orderId))
                .header("X-Api-Key", SECOND_KEY).header("Authorization", OPERATOR).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(both.statusCode()).as(both.body()).isEqualTo(400);
        assertThat(both.body()).doesNotContain(client);
        cancel("demo", GatewayUnderTest.DEMO_KEY, client);
    }

    @Test
    void aStrategyCannotCancelOrReviseAnotherStrategysOrderAndNothingReachesKis() throws Exception {
        String client = id("amend");
        accepted(post(newOrder(client, "demo", 2), GatewayUnderTest.DEMO_KEY));
        OrderRecord before = gateway.awaitState(client, OrderState.ACKED);
        int kisRecords = kisRecords();

        HttpResponse<String> cancel = post("{\"intent\":\"CANCEL\",\"clientOrderId\":\"" + id("x") + "\","
                + "\"targetClientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"second\"}", SECOND_KEY);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(400);
        assertThat(GatewayUnderTest.json(cancel.body()).path("error").asText()).contains(client, "'second'");
        HttpResponse<String> replace = post("{\"intent\":\"REPLACE\",\"clientOrderId\":\"" + id("x") + "\","
                + "\"targetClientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"second\","
                + "\"price\":\"" + gateway.priceAway(SYMBOL, -12) + "\"}", SECOND_KEY);
        assertThat(replace.statusCode()).as(replace.body()).isEqualTo(400);
        HttpResponse<String> partial = post("{\"intent\":\"REPLACE\",\"clientOrderId\":\"" + id("x") + "\","
                + "\"targetClientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"second\","
                + "\"quantity\":1}", SECOND_KEY);
        assertThat(partial.statusCode()).as(partial.body()).isEqualTo(400);

        OrderRecord after = gateway.order(client);
        assertThat(after.state()).isEqualTo(OrderState.ACKED);
        assertThat(after.version()).as("not touched").isEqualTo(before.version());
        assertThat(kisRecords()).as("nothing reached KIS").isEqualTo(kisRecords);
        assertThat(kisOrder(before.kisOrderNo()).remainingQty()).isEqualTo(2);
        // its owner still can
        assertThat(cancel("demo", GatewayUnderTest.DEMO_KEY, client).path("state").asText()).isEqualTo("CANCELED");
    }

    @Test
    void theSameClientOrderIdUsedByTwoStrategiesMakesTwoOrders() throws Exception {
        String client = id("shared");
        JsonNode demo = accepted(post(newOrder(client, "demo", 1), GatewayUnderTest.DEMO_KEY));
        JsonNode second = accepted(post(newOrder(client, "second", 3), SECOND_KEY));
        assertThat(second.path("orderId").asText()).isNotEqualTo(demo.path("orderId").asText());
        assertThat(second.path("strategyId").asText()).isEqualTo("second");
        assertThat(second.path("quantity").asLong()).isEqualTo(3);
        // each is idempotent within its strategy
        assertThat(accepted(post(newOrder(client, "second", 3), SECOND_KEY)).path("orderId").asText())
                .isEqualTo(second.path("orderId").asText());
        assertThat(storedQuantities("demo", client)).containsExactly(1L);
        assertThat(storedQuantities("second", client)).containsExactly(3L);
        // each reads its own under the shared id
        HttpResponse<String> read = get("/api/orders/" + client, "X-Api-Key", SECOND_KEY);
        assertThat(GatewayUnderTest.json(read.body()).path("orderId").asText()).isEqualTo(second.path("orderId").asText());
        // the operator, who sees both, is told to ask by order id
        HttpResponse<String> operator = get("/api/orders/" + client, "Authorization", OPERATOR);
        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(409);
        assertThat(operator.body()).contains(demo.path("orderId").asText(), second.path("orderId").asText());
        // a cancel request id is the strategy's own too: the same id cancels each strategy's order
        String request = id("cx");
        assertThat(cancel("demo", GatewayUnderTest.DEMO_KEY, client, request).path("state").asText()).isEqualTo("CANCELED");
        assertThat(cancel("second", SECOND_KEY, client, request).path("state").asText()).isEqualTo("CANCELED");
    }

    // ---- helpers ----

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A BUY limit ten ticks under the market: it rests. */
    private static String newOrder(String clientOrderId, String strategy, long quantity) {
        return "{\"clientOrderId\":\"" + clientOrderId + "\",\"account\":\"sim\",\"strategyId\":\"" + strategy
                + "\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"quantity\":" + quantity
                + ",\"orderType\":\"00\",\"price\":\"" + gateway.priceAway(SYMBOL, -10) + "\"}";
    }

    private static JsonNode cancel(String strategy, String key, String target) throws Exception {
        return cancel(strategy, key, target, id("cx"));
    }

    private static JsonNode cancel(String strategy, String key, String target, String request) throws Exception {
        return accepted(post("{\"intent\":\"CANCEL\",\"clientOrderId\":\"" + request + "\",\"targetClientOrderId\":\""
                + target + "\",\"account\":\"sim\",\"strategyId\":\"" + strategy + "\"}", key));
    }

    private static JsonNode accepted(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return GatewayUnderTest.json(r.body());
    }

    private static HttpResponse<String> post(String json, String apiKey) throws Exception {
        return gateway.postIntent(json, apiKey);
    }

    private static String base() {
        return "http://127.0.0.1:" + gateway.app().config().require("gateway.http.port");
    }

    private static HttpResponse<String> get(String path, String header, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30)).header(header, value).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends as a strategy's broker user, the intent's client order id as the marker property. */
    private static void send(String user, String json, Map<String, String> properties) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://" + BROKER_VM_ID);
             Connection c = cf.createConnection(user, "pw-" + user)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("kis.order.intents"));
            TextMessage m = s.createTextMessage(json);
            m.setStringProperty("marker", GatewayUnderTest.json(json).path("clientOrderId").asText());
            for (var e : properties.entrySet()) {
                m.setStringProperty(e.getKey(), e.getValue());
            }
            p.send(m);
        }
    }

    private static Message deadLetter(String marker) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://" + BROKER_VM_ID);
             Connection c = cf.createConnection(GATEWAY_USER, "pw-" + GATEWAY_USER)) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer dlq = s.createConsumer(s.createQueue("DLQ.kis.order.intents"), "marker = '" + marker + "'");
            Message m = dlq.receive(10_000);
            assertThat(m).as("dead letter of " + marker).isNotNull();
            return m;
        }
    }

    /** The quantities of the strategy's orders under a client order id, as the database holds them. */
    private static java.util.List<Long> storedQuantities(String strategy, String clientOrderId) throws Exception {
        java.util.List<Long> out = new java.util.ArrayList<>();
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var ps = c.prepareStatement("select quantity from orders where strategy_id = ? and client_order_id = ?")) {
            ps.setString(1, strategy);
            ps.setString(2, clientOrderId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Every order, cancel and revision record the simulated KIS holds for the account. */
    private static int kisRecords() {
        return gateway.simulator().truth().account(CANO).orders().size();
    }

    private static kisgateway.sim.trading.OrderView kisOrder(String odno) {
        return gateway.simulator().truth().account(CANO).orders().stream().filter(o -> o.odno().equals(odno))
                .findFirst().orElseThrow();
    }
}
