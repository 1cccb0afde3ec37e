package kisgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kisgateway.order.OrderState;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An integration engineer edits the route files of a running gateway in sim mode, as the README invites: a copy of
 * {@code routes/} is watched, each file is edited in turn, and after every reload the gateway is whole (every route
 * back, in the state it had, an order going through) and the edit has taken effect. A file broken mid-edit leaves
 * the running routes as they were, and says so in /q/health until it is mended.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteReloadFlowTest {

    private static Path routes;
    private static GatewayUnderTest gateway;
    private static Map<String, ServiceStatus> before;

    @BeforeAll
    static void start() throws Exception {
        routes = TestConfig.temporaryDirectory("kis-gateway-routes");
        try (Stream<Path> files = Files.list(TestConfig.projectDir().resolve("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        gateway = GatewayUnderTest.start(Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml",
                "camel.main.routes-reload-enabled", "true",
                "camel.main.routes-reload-directory", routes.toString(),
                // an order after every file's edit: more than the compliance rate's 20 a minute, which is not tested here
                "risk.compliance.order-rate.max-orders", "1000"));
        gateway.awaitReady();
        before = statuses();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void everyRouteFileEditedInTurnReloadsAndLeavesTheGatewayWhole() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(routes)) {
            files = list.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        Set<String> probes = new TreeSet<>();
        for (Path file : files) {
            String probe = "reloadProbe" + probes.size();
            String marker = UUID.randomUUID().toString();
            append(file, "\n- route:\n    id: " + probe + "\n    from:\n      uri: \"direct:" + probe + "\"\n"
                    + "      steps:\n        - setBody:\n            constant: \"" + marker + "\"\n");
            probes.add(probe);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).alias(file.getFileName().toString())
                    .until(() -> marker.equals(call(probe)));
            assertWhole(file.getFileName().toString(), probes);
        }
    }

    @Test
    @Order(2)
    void aFailureWithoutAMessageIsNamedAndTheNextEditStillReloads() throws Exception {
        // the YAML DSL fails a scalar where a step's map goes with an exception that has no message; so does the
        // first 8 KiB of orders.camel.yaml, which a save in several writes leaves for a moment
        Path operations = routes.resolve("operations.camel.yaml");
        String working = Files.readString(operations, StandardCharsets.UTF_8);
        Map<String, ServiceStatus> running = statuses();
        try {
            Files.writeString(operations, working + "\n- route:\n    id: scalarStep\n    from:\n      uri: \"direct:scalarStep\"\n"
                    + "      steps:\n        - choice: oops\n", StandardCharsets.UTF_8);
            awaitReloadFailure("operations.camel.yaml", "UnsupportedOperationException");
        } finally {
            Files.writeString(operations, working, StandardCharsets.UTF_8);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(gateway.get("/q/health").body()).as("the watcher still reloads").doesNotContain("did not load"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statuses()).isEqualTo(running));
    }

    @Test
    @Order(3)
    void aFileThatDoesNotLoadLeavesItsRoutesRunningAndSaysWhyUntilMended() throws Exception {
        Path orders = routes.resolve("orders.camel.yaml");
        String working = Files.readString(orders, StandardCharsets.UTF_8);
        Map<String, ServiceStatus> running = statuses();
        try {
            // a YAML error: an unclosed flow sequence
            Files.writeString(orders, working + "\n- route:\n    id: [unclosed\n", StandardCharsets.UTF_8);
            awaitReloadFailure("orders.camel.yaml", "line");
            assertThat(statuses()).as("the file's routes keep running").isEqualTo(running);
            orderGoesThrough();

            // a bean that does not exist: the routes are made, fail, and the previous ones come back
            assertThat(working).contains("ref: orderIntake\n");
            Files.writeString(orders, working.replace("ref: orderIntake\n", "ref: orderIntakeMisspelt\n"),
                    StandardCharsets.UTF_8);
            awaitReloadFailure("orders.camel.yaml", "orderIntakeMisspelt");
            awaitReloadFailure("orders.camel.yaml", "route acceptNewOrder at line " + lineOf(working, "id: acceptNewOrder"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(statuses()).as("the file's routes keep running").isEqualTo(running));
            orderGoesThrough();
        } finally {
            Files.writeString(orders, working, StandardCharsets.UTF_8);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var health = gateway.get("/q/health");
            assertThat(health.body()).doesNotContain("route files did not load").doesNotContain("did not load");
        });
        // an editor's write can come as more than one event: the last reload may still be replacing routes
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statuses()).isEqualTo(running));
        orderGoesThrough();
    }

    @Test
    @Order(4)
    void aRouteDeletedFromItsFileIsGoneAfterTheReload() throws Exception {
        Path prices = routes.resolve("prices.camel.yaml");
        String text = Files.readString(prices, StandardCharsets.UTF_8);
        int probe = text.indexOf("\n- route:\n    id: reloadProbe");
        assertThat(probe).as("the probe the first test added").isPositive();
        String probeId = text.substring(probe).split("id: ")[1].split("\n")[0].trim();
        assertThat(gateway.app().camelContext().getRoute(probeId)).isNotNull();
        Files.writeString(prices, text.substring(0, probe) + "\n", StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.app().camelContext().getRoute(probeId) == null);
        orderGoesThrough();
    }

    private static void awaitReloadFailure(String file, String mentioning) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var health = gateway.get("/q/health");
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode check = null;
            for (JsonNode c : GatewayUnderTest.json(health.body()).path("checks")) {
                if (c.path("name").asText().equals("route-reload")) {
                    check = c;
                }
            }
            assertThat(check).as(health.body()).isNotNull();
            assertThat(check.path("status").asText()).isEqualTo("DOWN");
            assertThat(check.toString()).contains(file).contains(mentioning);
        });
    }

    private static int lineOf(String text, String line) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(line)) {
                return i + 1;
            }
        }
        throw new AssertionError(line + " not found");
    }

    private static void orderGoesThrough() throws Exception {
        String client = "reload-" + UUID.randomUUID().toString().substring(0, 8);
        gateway.postAccepted("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"}");
        gateway.awaitState(client, OrderState.ACKED, OrderState.FILLED);
    }

    private static void assertWhole(String edited, Set<String> probes) throws Exception {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).alias("after editing " + edited)
                .untilAsserted(() -> {
                    Map<String, ServiceStatus> now = statuses();
                    for (String probe : probes) {
                        now.remove(probe);
                    }
                    assertThat(now).as("every route back in the state it had").isEqualTo(before);
                });
        orderGoesThrough();
    }

    private static Map<String, ServiceStatus> statuses() {
        CamelContext camel = gateway.app().camelContext();
        return camel.getRoutes().stream().collect(Collectors.toMap(Route::getRouteId,
                r -> camel.getRouteController().getRouteStatus(r.getRouteId()), (a, b) -> a, java.util.TreeMap::new));
    }

    private static String call(String probe) {
        CamelContext camel = gateway.app().camelContext();
        if (camel.getRoute(probe) == null) {
            return null;
        }
        return camel.createProducerTemplate().requestBody("direct:" + probe, "", String.class);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
    }
}
