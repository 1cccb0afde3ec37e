package kisgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.app.GatewayApplication;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.sim.KisSimulator;

/**
 * A whole gateway in sim mode for end-to-end tests: its own embedded PostgreSQL, Artemis and KIS simulator
 * on free ports, the real YAML routes, driven over real HTTP and JMS.
 */
public final class GatewayUnderTest implements AutoCloseable {

    private static final AtomicInteger VM_IDS = new AtomicInteger(100);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEMO_KEY = "sim-demo-key";
    /** The strategy of the default run (config/application-sim.properties), whose key is {@link #DEMO_KEY}. */
    public static final String DEMO_STRATEGY = "demo";

    private final GatewayApplication app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private GatewayUnderTest(GatewayApplication app) {
        this.app = app;
        this.base = "http://127.0.0.1:" + app.config().require("gateway.http.port");
    }

    public static GatewayUnderTest start(Map<String, String> overrides) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("sim.rest-port", "0");
        config.put("sim.ws-port", "0");
        config.put("broker.embedded.vm-id", String.valueOf(VM_IDS.incrementAndGet()));
        config.put("orders.events.publish-period-ms", "50");
        config.putAll(overrides);
        return new GatewayUnderTest(GatewayApplication.start(TestConfig.load(config)));
    }

    public GatewayApplication app() {
        return app;
    }

    public KisSimulator simulator() {
        return app.infrastructure().simulator().simulator();
    }

    public JdbcOrderStore orders() {
        return app.services().orders();
    }

    /** The demo strategy's order under a client order id (an id is its strategy's own). */
    public OrderRecord order(String clientOrderId) {
        return order(DEMO_STRATEGY, clientOrderId);
    }

    public OrderRecord order(String strategyId, String clientOrderId) {
        return orders().byClientOrderId(strategyId, clientOrderId).orElseThrow();
    }

    public HttpResponse<String> postIntent(String json) throws Exception {
        return postIntent(json, DEMO_KEY);
    }

    /** Posts an intent with the demo key and expects it answered 200: the order's JSON. */
    public JsonNode postAccepted(String json) throws Exception {
        HttpResponse<String> r = postIntent(json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    /** Waits (up to 15 s) for the order of a client id to reach one of the states. */
    public OrderRecord awaitState(String clientOrderId, OrderState... states) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(order(clientOrderId).state()).isIn((Object[]) states));
        return order(clientOrderId);
    }

    /** The states an order went through, from its events. */
    public List<String> orderStates(UUID orderId) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = app.infrastructure().dataSource().dataSource().getConnection();
             var ps = c.prepareStatement("select to_state from order_events where order_id = ? order by seq")) {
            ps.setObject(1, orderId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The last price of a symbol at the simulator now. */
    public long lastPrice(String symbol) {
        return simulator().market().quote(symbol).orElseThrow().price();
    }

    /** A price {@code ticks} ticks away from the symbol's last price (negative: below). */
    public long priceAway(String symbol, long ticks) {
        long p = lastPrice(symbol);
        return p + ticks * tick(p);
    }

    /** KRX tick size (호가단위) at a price level. */
    public static long tick(long p) {
        return p < 2_000 ? 1 : p < 5_000 ? 5 : p < 20_000 ? 10 : p < 50_000 ? 50 : p < 200_000 ? 100 : p < 500_000 ? 500 : 1_000;
    }

    public HttpResponse<String> postIntent(String json, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/orders")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            b.header("X-Api-Key", apiKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits (up to 60 s) until the gateway reports ready, as a deployment would before routing orders to it: a
     * test that later asserts health must not race the first reconciliation.
     */
    public GatewayUnderTest awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/q/health/ready").statusCode() == 200);
        return this;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Api-Key", DEMO_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    /**
     * A connection to the gateway's embedded broker as one of the users it generated, named after their roles in
     * broker.xml ({@code strategy}, {@code back-office}, {@code operations}): what a strategy's or a back-office
     * tool's connection may do, no more.
     */
    public Connection brokerConnectionAs(String role) throws jakarta.jms.JMSException {
        return brokerConnectionAs(app, role);
    }

    /** The same for a gateway started without this wrapper (the benchmarks). */
    public static Connection brokerConnectionAs(GatewayApplication app, String role) throws jakarta.jms.JMSException {
        kisgateway.app.broker.BrokerLogin login = app.infrastructure().embeddedBroker().users().login(role);
        return new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                app.infrastructure().effectiveConfig().require("broker.url")).createConnection(login.user(), login.password());
    }

    /**
     * Sends a text message with optional string properties to a queue of the gateway's broker, as the demo
     * strategy's broker user (the sim profile's {@code gateway.strategy.demo.broker-user}).
     */
    public void sendJms(String queue, String body, Map<String, String> properties) throws Exception {
        try (Connection c = brokerConnectionAs("strategy")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            var m = s.createTextMessage(body);
            for (var e : properties.entrySet()) {
                m.setStringProperty(e.getKey(), e.getValue());
            }
            p.send(m);
        }
    }

    public String simAdmin(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator().restBaseUrl() + "/sim/admin" + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("simulator admin " + method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    @Override
    public void close() {
        app.close();
    }
}
