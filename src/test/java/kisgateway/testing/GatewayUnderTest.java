package kisgateway.testing;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.app.GatewayApplication;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderRecord;
import kisgateway.sim.KisSimulator;

/**
 * A whole gateway in sim mode for end-to-end tests: its own embedded PostgreSQL, Artemis and KIS simulator
 * on free ports, the real YAML routes, driven over real HTTP and JMS.
 */
public final class GatewayUnderTest implements AutoCloseable {

    private static final AtomicInteger VM_IDS = new AtomicInteger(100);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEMO_KEY = "sim-demo-key";

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

    public OrderRecord order(String clientOrderId) {
        return orders().byClientOrderId(clientOrderId).orElseThrow();
    }

    public HttpResponse<String> postIntent(String json) throws Exception {
        return postIntent(json, DEMO_KEY);
    }

    public HttpResponse<String> postIntent(String json, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/orders")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            b.header("X-Api-Key", apiKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Api-Key", DEMO_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    /** Sends a text message with optional string properties to a queue of the gateway's broker. */
    public void sendJms(String queue, String body, Map<String, String> properties) throws Exception {
        try (Connection c = app.infrastructure().brokerConnection().connectionFactory().createConnection()) {
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
