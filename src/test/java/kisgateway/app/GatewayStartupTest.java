package kisgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import kisgateway.app.config.GatewayConfig;
import kisgateway.testing.TestConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway as {@code java -jar} runs it: real YAML routes, embedded PostgreSQL and Artemis, the
 * operations server and Hawtio; readiness follows the database. (That the JVM exits on SIGTERM is
 * GatewayProcessTest's, in a process of its own.)
 */
class GatewayStartupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Everything the old Vert.x properties file misread: a comma, an equals sign, a colon, a backslash, a space, Hangul. */
    private static final String PASSWORD = "correct,horse=battery:staple\\ 한글";
    private static final String DEMO_LOGIN = basic("operator", "sim-operator-password");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsHealthyServesHawtioAndStopsCleanly(@TempDir Path dir) throws Exception {
        int hawtioPort = TestConfig.freePort();
        GatewayConfig config = TestConfig.load(Map.of(
                "hawtio.enabled", "true",
                "hawtio.port", String.valueOf(hawtioPort),
                "broker.embedded.vm-id", "21",
                "db.pool.connection-timeout-ms", "1000",
                "gateway.operator.auth-file", dir.resolve("auth.properties").toString()));
        String base = "http://127.0.0.1:" + config.require("gateway.http.port");

        GatewayApplication app = GatewayApplication.start(config);
        try {
            // ready once the first reconciliation with KIS succeeded
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(get(base + "/q/health", null).statusCode()).isEqualTo(200));
            HttpResponse<String> health = get(base + "/q/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode report = JSON.readTree(health.body());
            assertThat(report.path("status").asText()).isEqualTo("UP");
            assertThat(checkNames(report)).contains("context", "database", "broker", "route:redirectToHawtio",
                    "kis-token", "kis-notice-stream", "kis-clock-skew", "reconciliation", "route:consumeOrderIntents",
                    "route:ingestExecutionNotices");

            HttpResponse<String> metrics = get(base + "/q/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("app_info").contains("jvm_memory_used_bytes")
                    // the gateway's own meters are served too, not only Camel's
                    .contains("kis_budget_egw00201").contains("kis_ws_live").contains("kis_prices_streamed_symbols")
                    .contains("kis_clock_skew_seconds").contains("kis_clock_skew_error_seconds");

            HttpResponse<String> redirect = get(base + "/hawtio", null);
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + hawtioPort + "/hawtio/");

            // the console needs the operator login in sim mode too (the default run's demo login)
            String hawtio = "http://127.0.0.1:" + hawtioPort;
            assertThat(get(hawtio + "/hawtio/", null).statusCode()).isEqualTo(401);
            HttpResponse<String> console = get(hawtio + "/hawtio/", DEMO_LOGIN);
            assertThat(console.statusCode()).isEqualTo(200);
            Document page = Jsoup.parse(console.body());
            assertThat(page.title()).isEqualTo("Hawtio");
            assertThat(page.select("script[src]")).isNotEmpty();

            // the console's Jolokia sees the Camel routes and the Artemis broker
            JsonNode routes = JSON.readTree(get(hawtio + "/hawtio/jolokia/search/org.apache.camel:type=routes,*",
                    DEMO_LOGIN, hawtio).body());
            assertThat(routes.path("value").toString()).contains("redirectToHawtio");
            JsonNode artemis = JSON.readTree(get(hawtio
                    + "/hawtio/jolokia/search/org.apache.activemq.artemis:component=addresses,*", DEMO_LOGIN, hawtio).body());
            assertThat(artemis.path("value").toString()).contains("kis.order.intents").contains("DLQ.kis.fills");

            // the database goes away: readiness answers 503 with the database check DOWN
            app.infrastructure().embeddedDatabase().close();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> down = get(base + "/q/health", null);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("\"status\":\"DOWN\"");
                assertThat(checkStatus(JSON.readTree(down.body()), "database")).isEqualTo("DOWN");
            });
        } finally {
            app.close();
        }

    }

    @Test
    void aGatewayThatFindsNoRouteRefusesToStartAndLeavesNothingRunning(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("routes"));
        GatewayConfig config = TestConfig.load(Map.of(
                "broker.embedded.vm-id", "23",
                "camel.main.routes-include-pattern", "file:" + dir.resolve("routes") + "/*.camel.yaml"));
        String base = "http://127.0.0.1:" + config.require("gateway.http.port");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayApplication.start(config))
                .isInstanceOf(kisgateway.app.config.ConfigurationException.class)
                .hasMessageContaining("no route was loaded").hasMessageContaining(dir.resolve("routes").toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(base + "/q/health", null))
                .as("the operations server is closed again").isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aBrokerThatCannotStartTakesTheDatabaseStartedBesideItDownToo(@TempDir Path dir) throws Exception {
        int databasePort = TestConfig.freePort();
        GatewayConfig config = TestConfig.load(Map.of(
                "broker.embedded.vm-id", "24",
                "broker.embedded.config", dir.resolve("no-such-broker.xml").toString(),
                "db.embedded.port", String.valueOf(databasePort)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayApplication.start(config))
                .isInstanceOf(RuntimeException.class);
        // the database started side by side with the broker is stopped again: nothing listens on its port
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            try (java.net.ServerSocket s = new java.net.ServerSocket(databasePort, 1,
                    java.net.InetAddress.getByName("127.0.0.1"))) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    void outsideSimModeTheManagementEndpointsAndHawtioRequireCredentials(@TempDir Path dir) throws Exception {
        int hawtioPort = TestConfig.freePort();
        GatewayConfig config = TestConfig.load(Map.of(
                "hawtio.enabled", "true",
                "hawtio.port", String.valueOf(hawtioPort),
                "broker.embedded.vm-id", "22",
                "gateway.operator.auth-required", "true",
                "gateway.operator.user", "ops",
                "gateway.operator.password", PASSWORD,
                "gateway.operator.auth-file", dir.resolve("auth.properties").toString()));
        String base = "http://127.0.0.1:" + config.require("gateway.http.port");
        String good = basic("ops", PASSWORD);
        String bad = basic("ops", "wrong-password-here");
        // what the old properties file made of PASSWORD: the part before the first comma
        String prefix = basic("ops", PASSWORD.substring(0, PASSWORD.indexOf(',')));
        try (GatewayApplication app = GatewayApplication.start(config)) {
            assertThat(get(base + "/q/health", null).statusCode()).isEqualTo(401);
            assertThat(get(base + "/q/health", bad).statusCode()).isEqualTo(401);
            assertThat(get(base + "/q/health", prefix).statusCode()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(get(base + "/q/health", good).statusCode()).isEqualTo(200));
            assertThat(get(base + "/q/health", prefix).statusCode()).as("still refused once the password is known")
                    .isEqualTo(401);
            assertThat(get(base + "/q/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(base + "/q/metrics", good).statusCode()).isEqualTo(200);
            String origin = "http://127.0.0.1:" + hawtioPort;
            String hawtio = origin + "/hawtio/";
            assertThat(get(hawtio, null).statusCode()).isEqualTo(401);
            assertThat(get(hawtio + "jolokia/version", null).statusCode()).isEqualTo(401);
            assertThat(get(hawtio + "jolokia/version", bad).statusCode()).isEqualTo(401);
            assertThat(get(hawtio + "jolokia/version", prefix).statusCode()).isEqualTo(401);
            HttpResponse<String> version = get(hawtio + "jolokia/version", good, origin);
            assertThat(version.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(version.body()).path("status").asInt()).as(version.body()).isEqualTo(200);
            assertThat(java.nio.file.Files.readString(dir.resolve("auth.properties"))).doesNotContain("horse")
                    .contains("pbkdf2-sha256");
        }
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        return get(url, authorization, null);
    }

    /** @param origin the page's origin, which Jolokia requires (it refuses requests without Origin or Referer) */
    private HttpResponse<String> get(String url, String authorization, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> checkNames(JsonNode report) {
        return report.path("checks").findValuesAsText("name");
    }

    private static String checkStatus(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }
}
